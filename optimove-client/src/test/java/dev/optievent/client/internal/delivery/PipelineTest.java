package dev.optievent.client.internal.delivery;

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
    return new Delivery(Event.builder("e").customer("c" + n).build(), System.nanoTime());
  }

  @Test
  void takesInOrderOfArrivalAndCountsEventsWaitingForARetryAgainstTheCapacity() throws Exception {
    Pipeline p = new Pipeline(2, 10);
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
    Pipeline p = new Pipeline(1, 10);
    Delivery a = delivery(1);
    Delivery b = delivery(2);
    p.offer(a);

    Pipeline.Eviction e = p.offerEvictingOldest(b);
    assertThat(e.offer()).isEqualTo(Pipeline.Offer.QUEUED);
    assertThat(e.evicted()).isSameAs(a);

    assertThat(p.take()).isSameAs(b);
    p.toRetry(b);
    Delivery c = delivery(3);
    e = p.offerEvictingOldest(c);
    assertThat(e.offer()).isEqualTo(Pipeline.Offer.FULL);
    assertThat(e.evicted()).isSameAs(c);
  }

  @Test
  void neverHandsOutMoreThanMaxInFlight() throws Exception {
    Pipeline p = new Pipeline(10, 1);
    Delivery a = delivery(1);
    p.offer(a);
    p.offer(delivery(2));
    assertThat(p.take()).isSameAs(a);

    CompletableFuture<Delivery> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.take();
              } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
              }
            });
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !next.isDone());
    p.done(a);
    assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void aPauseHoldsBackEveryTake() throws Exception {
    Pipeline p = new Pipeline(10, 10);
    p.pauseUntil(System.nanoTime() + Duration.ofMillis(200).toNanos());
    p.offer(delivery(1));
    long start = System.nanoTime();

    assertThat(p.take()).isNotNull();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(190));
  }

  @Test
  void stopHandsOverEveryEventExactlyOnce() throws Exception {
    Pipeline p = new Pipeline(10, 10);
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
}
