package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event that {@code DROP_OLDEST} evicts on a caller's thread while {@code flush} waits for it
 * counts as settled: the flush returns as soon as the rest is delivered, not at its timeout.
 */
class FlushWhileEvictingTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final Stall stall = new Stall(endpoint.server());
  private OptimoveClient client;

  @BeforeEach
  void start() {
    client =
        endpoint.client(
            endpoint
                .config()
                .overflowPolicy(OverflowPolicy.DROP_OLDEST)
                .queueCapacity(3)
                .maxInFlight(1)
                .requestTimeout(Duration.ofSeconds(60))
                .build());
  }

  /**
   * Before the endpoint's own clean-up, which closes the client: a stalled answer would hold it.
   */
  @AfterEach
  void releaseTheStall() {
    stall.release();
  }

  @Test
  void flushCountsAnEventEvictedWhileItWaits() {
    assertThat(client.send(event(0))).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> stall.arrived() == 1);
    for (int i = 1; i <= 3; i++) {
      assertThat(client.send(event(i))).isTrue();
    }
    Thread flusher = Thread.currentThread();
    CompletableFuture<Void> evictThenRelease =
        CompletableFuture.runAsync(
            () -> {
              // The flushing thread parks only once it has taken the events to wait for.
              await()
                  .atMost(Duration.ofSeconds(5))
                  .until(() -> flusher.getState() == Thread.State.TIMED_WAITING);
              client.send(event(4)); // evicts event 1, which the flush is waiting for
              stall.release();
            });

    boolean flushed = client.flush(Duration.ofSeconds(20));

    evictThenRelease.join();
    assertThat(flushed).as("settled before the timeout: %s", client.stats()).isTrue();
    assertThat(client.stats().dropped("queue_full")).isEqualTo(1);
    ClientStats stats = flushed(client); // event 4, sent during the flush, may still be in flight
    assertThat(stats.delivered()).isEqualTo(4);
    assertThat(stats.pending()).isZero();
  }
}
