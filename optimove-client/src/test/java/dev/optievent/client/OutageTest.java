package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An endpoint that refuses connections, for a moment or for a long while, and comes back. */
class OutageTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.down();
  private OptimoveClient client;
  private FakeOptimoveServer server;

  @Test
  void deliversOnceARefusingEndpointComesUp() {
    client = endpoint.client(endpoint.config().maxAttempts(1_000).build());

    client.send(event(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> client.stats().retries() >= 2);
    server = endpoint.start();
    ClientStats stats = flushed(client);

    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.retries()).isGreaterThanOrEqualTo(2);
    assertThat(server.acceptedCount()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void keepsMemoryBoundedThroughASustainedOutageAndResumesAfterIt() {
    int capacity = 100;
    int maxInFlight = 8;
    client =
        endpoint.client(
            endpoint
                .config()
                .queueCapacity(capacity)
                .maxInFlight(maxInFlight)
                .maxAttempts(100_000)
                .retryBaseDelay(Duration.ofMillis(5))
                .retryMaxDelay(Duration.ofMillis(20))
                .build());

    long maxPending = 0;
    for (int i = 0; i < 5_000; i++) {
      client.send(event(i));
      if (i % 10 == 0) {
        ClientStats s = assertBalanced(client.stats());
        maxPending = Math.max(maxPending, s.pending());
        assertThat(client.held()).as("held").isLessThanOrEqualTo(capacity + maxInFlight);
        assertThat(client.inFlight()).as("in flight").isLessThanOrEqualTo(maxInFlight);
      }
    }
    ClientStats during = assertBalanced(client.stats());

    assertThat(maxPending).isLessThanOrEqualTo(capacity + maxInFlight);
    assertThat(during.pending())
        .isBetween((long) capacity - maxInFlight, (long) capacity + maxInFlight);
    assertThat(during.dropped("queue_full"))
        .isEqualTo(5_000 - during.pending() - during.delivered());
    assertThat(during.delivered()).isZero();
    // On a loaded machine the 5,000 sends can all finish before the first retry comes due.
    await().atMost(Duration.ofSeconds(5)).until(() -> client.stats().retries() > 0);

    server = endpoint.start();
    ClientStats after = flushed(client);

    assertThat(after.pending()).isZero();
    assertThat(after.delivered()).isEqualTo(during.pending());
    assertThat(after.delivered() + after.dropped("queue_full")).isEqualTo(5_000);
    assertThat(server.acceptedCount()).isEqualTo(after.delivered());

    // And new events flow again at once.
    client.send(event(5_000));
    assertThat(flushed(client).delivered()).isEqualTo(after.delivered() + 1);
  }
}
