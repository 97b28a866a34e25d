package dev.optievent.outbox;

import javax.sql.DataSource;

/** The contract on a real PostgreSQL server. */
class PostgresOutboxRelayTest extends OutboxRelayContract {
  @Override
  DataSource dataSource() {
    return TestDatabases.postgres();
  }
}
