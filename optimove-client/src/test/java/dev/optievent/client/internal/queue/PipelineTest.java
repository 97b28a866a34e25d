package dev.optievent.client.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.client.Event;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pipeline's bookkeeping on its own. */
class PipelineTest {

  private static Delivery delivery(int n) {
    return Delivery.of(Event.builder("e").customer("c" + n).build(), System.nanoTime());
  }

  @Test
  void takesInOrderOfArrivalAndCountsEventsWaitingForARetryAgainstTheCapacity() throws Exception {
    Pipeline p = new Pipeline(2, Long.MAX_VALUE, 10);
    Delivery a = delivery(1);
    Delivery b = delivery(2);
    assertThat(p.offer(a)).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(p.offer(b)).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(p.offer(delivery(3))).isEqualTo(Pipeline.Offer.FULL);

    assertThat(p.take()).isSameAs(a);
    assertThat(p.toRetry(a)).isTrue(); // back to waiting: still takes room
    assertThat(p.offer(delivery(4))).isEqualTo(Pipeline.Offer.FULL);

    p.retryDue(a);
    assertThat(p.take()).as("a due retry goes before new events").isSameAs(a);
    assertThat(p.take()).isSameAs(b);
    assertThat(p.offer(delivery(5))).isEqualTo(Pipeline.Offer.QUEUED);
  }

  @Test
  void dropOldestCanOnlyEvictEventsNotYetWaitingForARetry() throws Exception {
    Pipeline p = new Pipeline(1, Long.MAX_VALUE, 10);
    Delivery a = delivery(1);
    Delivery b = delivery(2);
    p.offer(a);

    Pipeline.Eviction e = p.offerEvictingOldest(b);
    assertThat(e.offer()).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(e.evicted()).containsExactly(a);

    assertThat(p.take()).isSameAs(b);
    p.toRetry(b);
    Delivery c = delivery(3);
    e = p.offerEvictingOldest(c);
    assertThat(e.offer()).isEqualTo(Pipeline.Offer.FULL);
    assertThat(e.evicted()).containsExactly(c);
  }

  @Test
  void neverHandsOutMoreThanMaxInFlight() throws Exception {
    Pipeline p = new Pipeline(10, Long.MAX_VALUE, 1);
    Delivery a = delivery(1);
    p.offer(a);
    p.offer(delivery(2));
    assertThat(p.take()).isSameAs(a);

    CompletableFuture<Delivery> next = new CompletableFuture<>();
    Thread taker =
        new Thread(
            () -> {
              try {
                next.complete(p.take());
              } catch (Throwable ex) {
                next.completeExceptionally(ex);
              }
            },
            "pipeline-test-taker");
    taker.setDaemon(true);
    taker.start();
    // Blocked inside take(), not merely not started yet: only then does "not done" prove a thing.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                next.isDone()
                    || taker.getState() == Thread.State.WAITING
                    || taker.getState() == Thread.State.TIMED_WAITING);
    assertThat(next).isNotDone();
    p.done(a);
    assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void aPauseHoldsBackEveryTake() throws Exception {
    Pipeline p = new Pipeline(10, Long.MAX_VALUE, 10);
    p.pauseUntil(System.nanoTime() + Duration.ofMillis(200).toNanos());
    p.offer(delivery(1));
    long start = System.nanoTime();

    assertThat(p.take()).isNotNull();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(190));
  }

  @Test
  void stopHandsOverEveryEventExactlyOnce() throws Exception {
    Pipeline p = new Pipeline(10, Long.MAX_VALUE, 10);
    Delivery queued = delivery(1);
    Delivery inFlight = delivery(2);
    Delivery waiting = delivery(3);
    p.offer(inFlight);
    p.offer(waiting);
    p.offer(queued);
    p.take();
    p.take();
    p.toRetry(waiting);

    assertThat(p.stop()).containsExactlyInAnyOrder(queued, inFlight, waiting);
    assertThat(p.stop()).isEmpty();
    assertThat(p.take()).isNull();
    assertThat(p.toRetry(inFlight)).isFalse();
    assertThat(p.offer(delivery(4))).isEqualTo(Pipeline.Offer.CLOSED);
  }

  private static Delivery withText(int n, int chars) {
    return Delivery.of(
        Event.builder("e").customer("c" + n).param("text", "x".repeat(chars)).build(),
        System.nanoTime());
  }

  @Test
  void isFullWhenTheHeldBytesWouldPassTheBoundAndFreesThemAsEventsLeave() throws Exception {
    Delivery a = withText(1, 1_000);
    Delivery small = delivery(4);
    Pipeline p = new Pipeline(100, 2L * a.size() + small.size(), 10);
    assertThat(p.offer(a)).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(p.offer(withText(2, 1_000))).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(p.offer(withText(3, 1_000)))
        .as("past the byte bound")
        .isEqualTo(Pipeline.Offer.FULL);
    assertThat(p.offer(small)).as("a small one still fits").isEqualTo(Pipeline.Offer.QUEUED);

    assertThat(p.take()).isSameAs(a); // in flight: no longer held
    assertThat(p.offer(withText(5, 1_000))).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(p.offer(withText(7, 1_000))).isEqualTo(Pipeline.Offer.FULL);
    p.toRetry(a); // waiting for a retry: held again
    assertThat(p.offer(withText(6, 1_000))).isEqualTo(Pipeline.Offer.FULL);
  }

  @Test
  void letsOneEventIntoAnEmptyQueueHoweverBig() {
    Pipeline p = new Pipeline(100, 1_024, 10);
    assertThat(p.offer(withText(1, 10_000))).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(p.offer(delivery(2))).isEqualTo(Pipeline.Offer.FULL);
  }

  @Test
  void dropOldestEvictsAsManyAsTheBytesOfTheNewEventNeed() {
    Delivery small1 = delivery(1);
    Delivery small2 = delivery(2);
    Delivery small3 = delivery(3);
    Delivery big = withText(4, 2_000);
    Pipeline p = new Pipeline(100, big.size() + small3.size(), 10);
    p.offer(small1);
    p.offer(small2);
    p.offer(small3);

    Pipeline.Eviction e = p.offerEvictingOldest(big);

    assertThat(e.offer()).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(e.evicted()).containsExactly(small1, small2);
    assertThat(p.held()).isEqualTo(2);
  }

  @Test
  void tellsTheAdaptiveLimitWhetherEventsWaitedWhenTheSenderLastTookOne() throws Exception {
    Pipeline p = new Pipeline(10, Long.MAX_VALUE, 10);
    Delivery a = delivery(1);
    Delivery b = delivery(2);
    p.offer(a);
    p.offer(b);
    assertThat(p.take()).isSameAs(a);
    assertThat(p.hasBacklog()).as("b still waits").isTrue();
    assertThat(p.take()).isSameAs(b);
    assertThat(p.hasBacklog()).as("nothing waits").isFalse();
    p.toRetry(a);
    p.retryDue(a);
    p.offer(delivery(3));
    assertThat(p.take()).isSameAs(a);
    assertThat(p.hasBacklog()).as("a new event waits behind the due retry").isTrue();
    assertThat(p.inFlight()).isEqualTo(2);
    p.done(a);
    p.done(a); // a second done for the same event frees nothing more
    assertThat(p.inFlight()).isEqualTo(1);
  }
}
