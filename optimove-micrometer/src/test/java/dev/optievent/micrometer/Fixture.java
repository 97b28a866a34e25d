package dev.optievent.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.ClientStats;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import java.time.Duration;

/**
 * Events and small helpers shared by the metrics tests; the endpoint and the clients come from the
 * client's {@code TestEndpoint}.
 */
final class Fixture {
  private Fixture() {}

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
