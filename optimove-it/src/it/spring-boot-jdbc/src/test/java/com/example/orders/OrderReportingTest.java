package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What Optimove receives from committed and rolled-back transactions of a JDBC application. */
@SpringBootTest
class OrderReportingTest {
  static final FakeOptimoveServer OPTIMOVE = FakeOptimoveServer.start();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @DynamicPropertySource
  static void optimove(DynamicPropertyRegistry registry) {
    registry.add("optimove.endpoint", () -> OPTIMOVE.endpoint().toString());
    registry.add("optimove.tenant", () -> "42");
  }

  @AfterAll
  static void stop() {
    OPTIMOVE.close();
  }

  @Autowired CheckoutService checkout;
  @Autowired OrderService orders;
  @Autowired OptimoveClient client;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void settled() {
    assertThat(client.flush(WAIT)).isTrue();
    OPTIMOVE.reset();
  }

  /** Each event as "key customer", once the client settled everything it was given. */
  private List<String> received() {
    assertThat(client.flush(WAIT)).isTrue();
    return OPTIMOVE.acceptedEvents().stream().map(e -> e.event() + " " + e.customer()).toList();
  }

  @Test
  void aCommittedCheckoutIsReportedOnce() {
    checkout.checkout("o-1", "alice", 40);

    assertThat(received()).containsExactlyInAnyOrder("order_placed alice", "order_audited alice");
    System.out.println("The endpoint received: " + OPTIMOVE.acceptedEvents());
  }

  @Test
  void aCheckoutRolledBackAfterTheOrderWasPlacedReportsOnlyItsOwnAudit() {
    long rolledBackBefore = client.stats().rolledBack();

    assertThatThrownBy(() -> checkout.checkout("o-2", "bob", 5_000))
        .hasMessageContaining("fraud check rejected");

    assertThat(jdbc.queryForObject("select count(*) from orders where id = 'o-2'", Integer.class))
        .isZero();
    assertThat(received()).containsExactly("order_audited bob"); // REQUIRES_NEW: committed
    assertThat(client.stats().rolledBack() - rolledBackBefore).isEqualTo(1);
  }

  @Test
  void aDuplicateOrderFailsAndReportsNothingOfItsOwn() {
    orders.place("o-3", "carol", 10);
    received();
    OPTIMOVE.reset();

    assertThatThrownBy(() -> orders.place("o-3", "carol", 10)).isNotNull();

    assertThat(received()).isEmpty();
  }

  @Test
  void theEventsCarryTheirValues() {
    orders.place("o-4", "dave", 75);

    assertThat(OPTIMOVE.awaitAcceptedEvents(2, WAIT))
        .filteredOn(e -> e.event().equals("order_placed"))
        .singleElement()
        .satisfies(e -> assertThat(e.context()).containsEntry("order_id", "o-4").containsEntry("total", 75));
  }
}
