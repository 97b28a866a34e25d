package dev.optievent.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.ClientStats;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;

/** Short delays and small helpers shared by the metrics tests. */
final class Fixture {
  static final long TENANT = 999;

  private Fixture() {}

  static FakeOptimoveServer server() {
    return FakeOptimoveServer.builder().expectedTenant(TENANT).start();
  }

  /** A config against {@code server} with short timeouts and retry delays. */
  static OptimoveConfig.Builder config(FakeOptimoveServer server) {
    return OptimoveConfig.builder()
        .endpoint(server.endpoint())
        .tenant(TENANT)
        .connectTimeout(Duration.ofSeconds(1))
        .requestTimeout(Duration.ofSeconds(3))
        .retryBaseDelay(Duration.ofMillis(10))
        .retryMaxDelay(Duration.ofMillis(40))
        .retryAfterCap(Duration.ofSeconds(5))
        .maxEventAge(Duration.ofMinutes(1))
        .shutdownTimeout(Duration.ofSeconds(3));
  }

  static Event event(String key) {
    return Event.builder(key).customer("customer-1").param("n", 1).build();
  }

  /** Refused on the calling thread: {@code none} is a placeholder, not a customer ID. */
  static Event invalidCustomer(String key) {
    return Event.builder(key).customer("none").build();
  }

  /** Sends one event and waits until it is settled. */
  static void sendSettled(OptimoveClient client, Event event) {
    client.send(event);
    flushed(client);
  }

  /** Flushes or fails with the stats. */
  static ClientStats flushed(OptimoveClient client) {
    assertThat(client.flush(Duration.ofSeconds(10)))
        .as("flush within 10 s, stats %s", client.stats())
        .isTrue();
    return client.stats();
  }
}
