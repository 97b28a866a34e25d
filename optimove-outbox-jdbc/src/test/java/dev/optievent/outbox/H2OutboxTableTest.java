package dev.optievent.outbox;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The outbox table on H2 in memory: optimistic claims on the version column. */
class H2OutboxTableTest extends OutboxTableContract {
  private final JdbcDataSource h2 = new JdbcDataSource();

  H2OutboxTableTest() {
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  @Override
  DataSource dataSource() {
    return h2;
  }
}
