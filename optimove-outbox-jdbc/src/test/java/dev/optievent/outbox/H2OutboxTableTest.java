package dev.optievent.outbox;

import javax.sql.DataSource;

/** The contract on H2 in memory. */
class H2OutboxTableTest extends OutboxTableContract {
  private final DataSource h2 = TestDatabases.h2();

  @Override
  DataSource dataSource() {
    return h2;
  }
}
