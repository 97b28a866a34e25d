package dev.optievent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's meters show what the relay read from the table: rows waiting (another tenant's here,
 * which this relay never claims), rows refused, the oldest row's age, this relay's claims.
 */
class OptimoveOutboxMetricsTest {
  private final DataSource db = TestDatabases.h2();
  private final FakeOptimoveServer server = FakeOptimoveServer.builder().expectedTenant(42).start();
  private final OptimoveClient client =
      OptimoveClient.create(
          OptimoveConfig.builder().endpoint(server.endpoint()).tenant(42).build());
  private final OptimoveClient otherTenant =
      OptimoveClient.create(OptimoveConfig.builder().endpoint(server.endpoint()).tenant(7).build());

  @AfterEach
  void stop() {
    client.close();
    otherTenant.close();
    server.close();
  }

  @Test
  void theMetersShowTheBacklogTheRefusedRowsTheOldestAgeAndTheClaims() throws Exception {
    server.script(Fault.status(400));
    try (OptimoveOutbox outbox =
            OptimoveOutbox.builder(db, client)
                .createTable(true)
                .pollInterval(Duration.ofMillis(50))
                .build();
        OptimoveOutbox waiting =
            OptimoveOutbox.builder(db, otherTenant).pollInterval(Duration.ofHours(1)).build();
        Connection c = db.getConnection()) {
      waiting.close(); // its rows stay: no relay of tenant 7 runs
      long anHourAgo = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
      for (String customer : new String[] {"w-1", "w-2"}) {
        waiting.write(
            c,
            Event.builder("signup")
                .customer(customer)
                .timestamp(java.time.Instant.ofEpochMilli(anHourAgo))
                .build());
      }
      outbox.write(c, Event.builder("signup").customer("refused").build());
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new OptimoveOutboxMetrics(outbox).bindTo(registry);

      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> registry.get("optimove.outbox.blocked").gauge().value() == 1);

      assertThat(registry.get("optimove.outbox.backlog").gauge().value()).isEqualTo(2);
      assertThat(registry.get("optimove.outbox.oldest.age").timeGauge().value(TimeUnit.MINUTES))
          .isGreaterThanOrEqualTo(59);
      assertThat(registry.get("optimove.outbox.claimed").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("optimove.outbox.expired").functionCounter().count()).isZero();
    }
  }
}
