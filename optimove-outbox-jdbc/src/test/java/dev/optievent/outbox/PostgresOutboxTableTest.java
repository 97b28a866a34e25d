package dev.optievent.outbox;

import javax.sql.DataSource;

/** The contract on a real PostgreSQL server. */
class PostgresOutboxTableTest extends OutboxTableContract {
  @Override
  DataSource dataSource() {
    return TestDatabases.postgres();
  }
}
