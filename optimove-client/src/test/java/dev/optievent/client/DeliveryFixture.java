package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Small settings and helpers shared by the delivery tests: short delays keep the suite fast. */
final class DeliveryFixture {
  static final long TENANT = 999;

  private DeliveryFixture() {}

  /** A config against {@code server} with short timeouts and retry delays. */
  static OptimoveConfig.Builder config(FakeOptimoveServer server) {
    return config(server.endpoint());
  }

  /** A config against {@code endpoint} with short timeouts and retry delays. */
  static OptimoveConfig.Builder config(URI endpoint) {
    return OptimoveConfig.builder()
        .endpoint(endpoint)
        .tenant(TENANT)
        .connectTimeout(Duration.ofSeconds(1))
        .requestTimeout(Duration.ofSeconds(3))
        .retryBaseDelay(Duration.ofMillis(10))
        .retryMaxDelay(Duration.ofMillis(40))
        .retryAfterCap(Duration.ofSeconds(5))
        .maxEventAge(Duration.ofMinutes(1))
        .shutdownTimeout(Duration.ofSeconds(3));
  }

  static FakeOptimoveServer server() {
    return FakeOptimoveServer.builder().expectedTenant(TENANT).start();
  }

  /** A customer event numbered {@code n} (parameter {@code n}) so tests can tell which arrived. */
  static Event event(int n) {
    return Event.builder("order_placed")
        .customer("customer-" + n)
        .param("n", n)
        .timestamp(Instant.parse("2024-01-02T03:04:05.678Z"))
        .build();
  }

  static Event event(String key) {
    return Event.builder(key).customer("customer-1").build();
  }

  /** The event key of {@link #poisonEvent()}. */
  static final String POISON = "poison";

  /** The event key of the traffic {@link #answerOthersUntil} sends. */
  static final String OTHER = "other";

  /** An event that {@link #poison} makes the server fail every time. */
  static Event poisonEvent() {
    return Event.builder(POISON).customer("customer-1").build();
  }

  /** Makes the server answer every request for {@link #poisonEvent()} with {@code fault}. */
  static void poison(FakeOptimoveServer server, Fault fault) {
    server.failEvent(POISON, fault);
  }

  /**
   * Keeps the endpoint answering other requests (an event of key {@link #OTHER} on each poll) until
   * {@code settled} holds: a failure then says something about the failing event itself.
   */
  static void answerOthersUntil(OptimoveClient client, BooleanSupplier settled) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(2))
        .until(
            () -> {
              client.send(event(OTHER));
              return settled.getAsBoolean();
            });
  }

  /** Asserts the accounting identity and that nothing is negative. */
  static ClientStats assertBalanced(ClientStats s) {
    assertThat(s.pending()).as("pending in %s", s).isNotNegative();
    assertThat(s.accepted())
        .as("identity in %s", s)
        .isEqualTo(s.delivered() + s.rejected() + s.dropped() + s.returned() + s.pending());
    return s;
  }

  /** Flushes or fails with the stats. */
  static ClientStats flushed(OptimoveClient client) {
    assertThat(client.flush(Duration.ofSeconds(10)))
        .as("flush within 10 s, stats %s", client.stats())
        .isTrue();
    return assertBalanced(client.stats());
  }
}
