/**
 * A transactional outbox for OptiEvent on the application's own database: each event is written, as
 * the request body it will be sent as, in the transaction of the work it reports, and relayed to
 * Optimove by every instance of the application, each claiming due rows with a lease. Plain JDBC;
 * PostgreSQL and H2 are tested in the build, MySQL 8 / MariaDB 10.6 are not yet. The schema for
 * each database is in this jar under {@code
 * dev/optievent/outbox/db/<database>/V1__optimove_outbox.sql}.
 */
package dev.optievent.outbox;
