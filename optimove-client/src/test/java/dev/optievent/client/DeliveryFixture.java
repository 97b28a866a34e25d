package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.FakeOptimoveServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

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

  /** Asserts the accounting identity and that nothing is negative. */
  static ClientStats assertBalanced(ClientStats s) {
    assertThat(s.pending()).as("pending in %s", s).isNotNegative();
    assertThat(s.accepted())
        .as("identity in %s", s)
        .isEqualTo(s.delivered() + s.rejected() + s.dropped() + s.pending());
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
