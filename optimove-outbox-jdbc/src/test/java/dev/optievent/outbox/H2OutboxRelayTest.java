package dev.optievent.outbox;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Relays on H2 in memory. */
class H2OutboxRelayTest extends OutboxRelayContract {
  private final JdbcDataSource h2 = new JdbcDataSource();

  H2OutboxRelayTest() {
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  @Override
  DataSource dataSource() {
    return h2;
  }
}
