package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each overflow policy does when the endpoint stalls and the queue fills. */
class OverflowPolicyTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private final Stall stall = new Stall(server);
  private OptimoveClient client;
  private final DeliveryListener listener = mock(DeliveryListener.class);

  /**
   * Before the endpoint's own clean-up, which closes the client: a stalled answer would hold it.
   */
  @AfterEach
  void releaseTheStall() {
    stall.release();
  }

  private OptimoveClient client(OverflowPolicy policy, int capacity) {
    client =
        endpoint.client(
            endpoint
                .config()
                .overflowPolicy(policy)
                .queueCapacity(capacity)
                .maxInFlight(1)
                // Longer than the stall: a timed-out request would be retried and arrive twice.
                .requestTimeout(Duration.ofSeconds(60))
                .blockTimeout(Duration.ofMillis(100))
                .deliveryListener(listener)
                .build());
    return client;
  }

  /** Sends event 0 and waits until the server holds it, so the queue behind it is predictable. */
  private void firstEventInFlight() {
    assertThat(client.send(event(0))).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> stall.arrived() == 1);
  }

  private static List<Integer> numbers(List<ReceivedEvent> events) {
    return events.stream().map(e -> ((Number) e.context().get("n")).intValue()).sorted().toList();
  }

  @Test
  void dropNewestDropsWhatDoesNotFitAndNeverBlocksTheCaller() {
    client(OverflowPolicy.DROP_NEWEST, 10);
    firstEventInFlight();

    long start = System.nanoTime();
    int queued = 0;
    for (int i = 1; i <= 10_000; i++) {
      if (client.send(event(i))) {
        queued++;
      }
    }
    long elapsed = System.nanoTime() - start;

    // The endpoint holds its answer (for up to 30 s) all along: had any call waited for it, the
    // loop could not have finished before the stall ends. (Speed itself is measured in JMH.)
    assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofSeconds(20));
    assertThat(stall.arrived()).isEqualTo(1);
    assertThat(queued).isEqualTo(10);
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.accepted()).isEqualTo(10_001);
    assertThat(stats.dropped("queue_full")).isEqualTo(9_990);
    assertThat(stats.pending()).isEqualTo(11);

    stall.release();
    stats = flushed(client);
    assertThat(stats.delivered()).isEqualTo(11);
    assertThat(numbers(server.acceptedEvents())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void dropOldestMakesRoomByDroppingTheOldestQueuedEvent() {
    client(OverflowPolicy.DROP_OLDEST, 3);
    firstEventInFlight();

    for (int i = 1; i <= 6; i++) {
      assertThat(client.send(event(i))).isTrue();
    }
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.dropped("queue_full")).isEqualTo(3);

    stall.release();
    stats = flushed(client);

    assertThat(stats.delivered()).isEqualTo(4);
    assertThat(numbers(server.acceptedEvents())).containsExactly(0, 4, 5, 6);
    verify(listener, timeout(2_000)).onDropped(event(1), "queue_full");
    verify(listener, timeout(2_000)).onDropped(event(2), "queue_full");
    verify(listener, timeout(2_000)).onDropped(event(3), "queue_full");
  }

  @Test
  void blockWaitsForRoomUpToTheBlockTimeoutThenDrops() {
    client(OverflowPolicy.BLOCK, 2);
    firstEventInFlight();
    assertThat(client.send(event(1))).isTrue();
    assertThat(client.send(event(2))).isTrue();

    long start = System.nanoTime();
    boolean queued = client.send(event(3));
    long waited = System.nanoTime() - start;

    assertThat(queued).isFalse();
    assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.dropped("queue_full")).isEqualTo(1);
    verify(listener, timeout(2_000)).onDropped(event(3), "queue_full");
  }

  @Test
  void blockQueuesTheEventWhenRoomFreesUpInTime() throws Exception {
    client =
        endpoint.client(
            endpoint
                .config()
                .overflowPolicy(OverflowPolicy.BLOCK)
                .queueCapacity(1)
                .maxInFlight(1)
                .blockTimeout(Duration.ofSeconds(20))
                .build());
    firstEventInFlight();
    assertThat(client.send(event(1))).isTrue();

    CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> client.send(event(2)));
    await().atMost(Duration.ofSeconds(5)).until(() -> client.stats().accepted() == 3);
    assertThat(blocked).isNotDone();

    stall.release();

    assertThat(blocked.get(10, TimeUnit.SECONDS)).isTrue();
    ClientStats stats = flushed(client);
    assertThat(stats.delivered()).isEqualTo(3);
    assertThat(stats.dropped()).isZero();
  }

  @Test
  void blockKeepsTheEventOfAnInterruptedCallerWhenThereIsRoom() {
    client(OverflowPolicy.BLOCK, 2);

    Thread.currentThread().interrupt();
    boolean queued = client.send(event(1));
    boolean stillInterrupted = Thread.interrupted();

    assertThat(queued).isTrue();
    assertThat(stillInterrupted).as("the interrupt flag is kept").isTrue();
    stall.release();
    assertThat(flushed(client).delivered()).isEqualTo(1);
  }

  @Test
  void blockDoesNotMakeAnInterruptedCallerWaitWhenFull() {
    client(OverflowPolicy.BLOCK, 2);
    firstEventInFlight();
    assertThat(client.send(event(1))).isTrue();
    assertThat(client.send(event(2))).isTrue();

    Thread.currentThread().interrupt();
    boolean queued = client.send(event(3));
    boolean stillInterrupted = Thread.interrupted();

    assertThat(queued).isFalse();
    assertThat(stillInterrupted).isTrue();
    assertThat(client.stats().dropped("queue_full")).isEqualTo(1);
  }

  @Test
  void theByteBoundFillsTheQueueBeforeItsEventCapacity() {
    client =
        endpoint.client(
            endpoint
                .config()
                .queueCapacity(10_000)
                .maxQueueBytes(64 * 1024)
                .maxInFlight(1)
                .deliveryListener(listener)
                .build());
    firstEventInFlight();
    int queued = 0;
    for (int i = 0; i < 100; i++) {
      Event big = Event.builder("note").customer("c-" + i).param("text", "x".repeat(250)).build();
      if (client.send(big)) {
        queued++;
      }
    }

    ClientStats stats = assertBalanced(client.stats());
    assertThat(queued).isBetween(20, 99);
    assertThat(stats.dropped("queue_full")).isEqualTo(100 - queued);
    stall.release();
    assertThat(flushed(client).delivered()).isEqualTo(queued + 1);
  }
}
