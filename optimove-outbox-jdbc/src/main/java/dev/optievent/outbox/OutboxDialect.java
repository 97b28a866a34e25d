package dev.optievent.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the outbox knows, and how each claims rows: with {@code FOR UPDATE SKIP LOCKED}
 * where the database has it (claimers never wait for each other, and never take the same row), or
 * with the row's version column where it does not (a claim that lost the race updates nothing).
 */
enum OutboxDialect {
  /** PostgreSQL 12+: one statement claims and returns the rows. */
  POSTGRESQL("postgresql", Claim.SKIP_LOCKED_RETURNING),
  /** H2 2.x: optimistic claims on the version column. */
  H2("h2", Claim.OPTIMISTIC),
  /** MySQL 8.0+ and MariaDB 10.6+: not tested in the build yet. */
  MYSQL("mysql", Claim.SKIP_LOCKED);

  /** How a dialect claims due rows. */
  enum Claim {
    SKIP_LOCKED_RETURNING,
    SKIP_LOCKED,
    OPTIMISTIC
  }

  /** The folder of its schema under {@code dev/optievent/outbox/db/}. */
  final String folder;

  final Claim claim;

  OutboxDialect(String folder, Claim claim) {
    this.folder = folder;
    this.claim = claim;
  }

  /**
   * The dialect of the database {@code connection} talks to.
   *
   * @throws IllegalArgumentException for a database the outbox does not support, naming it
   */
  static OutboxDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    if (p.contains("mysql") || p.contains("mariadb")) {
      return MYSQL;
    }
    throw new IllegalArgumentException(
        "The Optimove outbox supports PostgreSQL, H2 and MySQL 8 / MariaDB 10.6, but this"
            + " DataSource is '"
            + product
            + "'. Send without the outbox (remove optimove.outbox.enabled), or ask for this"
            + " database to be supported.");
  }
}
