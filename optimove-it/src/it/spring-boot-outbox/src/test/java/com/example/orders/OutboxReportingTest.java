package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What Optimove receives from an application on a real PostgreSQL server that reports through the
 * outbox, and what stays in the outbox table.
 */
@SpringBootTest
class OutboxReportingTest {
  static final FakeOptimoveServer OPTIMOVE = FakeOptimoveServer.start();
  static final EmbeddedPostgres POSTGRES = startPostgres();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static EmbeddedPostgres startPostgres() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("optimove.endpoint", () -> OPTIMOVE.endpoint().toString());
    registry.add("optimove.tenant", () -> "42");
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
  }

  @AfterAll
  static void stop() throws IOException {
    OPTIMOVE.close();
    POSTGRES.close();
  }

  @Autowired CheckoutService checkout;
  @Autowired OrderService orders;
  @Autowired OptimoveClient client;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void settled() {
    Awaitility.await().atMost(WAIT).until(() -> outboxRows() == 0);
    OPTIMOVE.reset();
  }

  private long outboxRows() {
    return jdbc.queryForObject("select count(*) from optimove_outbox", Long.class);
  }

  /** Each event as "key customer order_id", once the outbox is empty. */
  private List<String> received() {
    Awaitility.await().atMost(WAIT).until(() -> outboxRows() == 0);
    assertThat(client.flush(WAIT)).isTrue();
    return OPTIMOVE.acceptedEvents().stream()
        .map(e -> e.event() + " " + e.customer() + " " + e.context().get("order_id"))
        .toList();
  }

  @Test
  void aCommittedOrderIsSentFromTheOutboxAndItsRowDeleted() {
    orders.place("o-1", "alice", 40);

    assertThat(received()).containsExactly("order_placed alice o-1");
    assertThat(OPTIMOVE.acceptedEvents().get(0).context()).containsEntry("total", 40);
    System.out.println("The endpoint received: " + OPTIMOVE.acceptedEvents());
  }

  @Test
  void aCheckoutRolledBackAfterTheOrderWasPlacedLeavesNoRowAndSendsNothing() {
    long rolledBackBefore = client.stats().rolledBack();

    assertThatThrownBy(() -> checkout.checkout("o-2", "bob", 5_000))
        .hasMessageContaining("fraud check rejected");

    assertThat(jdbc.queryForObject("select count(*) from orders where id = 'o-2'", Long.class))
        .isZero();
    assertThat(received()).isEmpty();
    assertThat(client.stats().rolledBack() - rolledBackBefore).isEqualTo(1);
  }

  @Test
  void anOrderCommittedWhileOptimoveIsDownWaitsInTheTableAndIsSentWhenItIsBack() {
    OPTIMOVE.failEvent("order_placed", Fault.status(503));

    orders.place("o-3", "carol", 10);

    Awaitility.await().atMost(WAIT).until(() -> OPTIMOVE.requestCount() > 0);
    assertThat(outboxRows()).isEqualTo(1);
    assertThat(OPTIMOVE.acceptedEvents()).isEmpty();

    OPTIMOVE.failEvent("order_placed", null);
    assertThat(received()).containsExactly("order_placed carol o-3");
  }

  @Test
  void theOutboxTableIsTheOneFromTheDdlInTheJar() {
    assertThat(
            jdbc.queryForList(
                "select indexname from pg_indexes where tablename = 'optimove_outbox'",
                String.class))
        .contains("optimove_outbox_due", "optimove_outbox_blocked");
  }
}
