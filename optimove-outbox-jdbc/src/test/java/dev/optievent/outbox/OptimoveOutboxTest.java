package dev.optievent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.Reasons;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java outbox on a real PostgreSQL server: events written in the caller's transaction are
 * sent if it commits and never if it rolls back, refused ones are counted and not stored.
 */
class OptimoveOutboxTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final DataSource db = TestDatabases.postgres();
  private final FakeOptimoveServer server = FakeOptimoveServer.builder().expectedTenant(7).start();
  private final OptimoveClient client =
      OptimoveClient.create(
          OptimoveConfig.builder()
              .endpoint(server.endpoint())
              .tenant(7)
              .shutdownTimeout(Duration.ofSeconds(2))
              .build());
  private OptimoveOutbox outbox;

  @BeforeEach
  void start() throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS app.events_outbox");
      s.execute("DROP TABLE IF EXISTS orders");
      s.execute("CREATE SCHEMA IF NOT EXISTS app");
      s.execute("CREATE TABLE orders (id VARCHAR(20) PRIMARY KEY)");
    }
    outbox =
        OptimoveOutbox.builder(db, client)
            .table("app.events_outbox")
            .createTable(true)
            .pollInterval(Duration.ofMillis(50))
            .build();
  }

  @AfterEach
  void stop() {
    outbox.close();
    client.close();
    server.close();
  }

  private void placeOrder(String id, boolean commit) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO orders VALUES ('" + id + "')");
      }
      assertThat(outbox.write(c, Event.builder("order_placed").customer("c-" + id).build()))
          .isTrue();
      if (commit) {
        c.commit();
      } else {
        c.rollback();
      }
    }
  }

  private long outboxRows() throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM app.events_outbox")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void anEventWrittenInACommittedTransactionIsSentAndOneRolledBackNever() throws Exception {
    placeOrder("o-1", false);
    placeOrder("o-2", true);

    Awaitility.await().atMost(WAIT).until(() -> server.acceptedCount() == 1 && outboxRows() == 0);
    assertThat(client.flush(WAIT)).isTrue();
    assertThat(server.acceptedEvents())
        .extracting(ReceivedEvent::customer)
        .containsExactly("c-o-2");
  }

  @Test
  void anEventARuleRefusesIsCountedAndNotStored() throws SQLException {
    try (Connection c = db.getConnection()) {
      assertThat(outbox.write(c, Event.builder("order_placed").customer("none").build())).isFalse();
    }

    assertThat(outboxRows()).isZero();
    assertThat(client.stats().rejected(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
  }

  @Test
  void aMissingTableStopsTheBuildWithTheDdlToRun() {
    assertThatThrownBy(() -> OptimoveOutbox.builder(db, client).table("no_such_outbox").build())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("'no_such_outbox' is missing")
        .hasMessageContaining("dev/optievent/outbox/db/postgresql/V1__optimove_outbox.sql");
  }

  @Test
  void aTableNameThatIsNotAPlainIdentifierIsRefusedWithWhatToUse() {
    assertThatThrownBy(() -> OptimoveOutbox.builder(db, client).table("events; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a plain SQL identifier");
  }
}
