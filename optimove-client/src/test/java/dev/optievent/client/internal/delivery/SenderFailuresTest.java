package dev.optievent.client.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.client.ClientStats;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.internal.outcome.Accounting;
import dev.optievent.client.internal.outcome.ListenerDispatcher;
import dev.optievent.client.internal.outcome.Outcomes;
import dev.optievent.client.internal.queue.Delivery;
import dev.optievent.client.internal.queue.Pipeline;
import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Errors where no event can be blamed, or on a request thread, injected through {@link
 * Sender.Hooks}: the sender goes on, every event settles and no in-flight slot is lost.
 */
class SenderFailuresTest {
  private static final AtomicInteger IDS = new AtomicInteger(90_000);

  private final int id = IDS.incrementAndGet();

  private final FakeOptimoveServer server =
      FakeOptimoveServer.builder().expectedTenant(999).start();
  private final Accounting accounting = new Accounting();
  private final Outcomes outcomes =
      new Outcomes(accounting, new ListenerDispatcher(null, 16, "unused", accounting));
  // One slot: a slot lost would stop everything behind it.
  private final Pipeline pipeline = new Pipeline(1_000, Long.MAX_VALUE, 1);
  private final Sender sender =
      new Sender(
          OptimoveConfig.builder()
              .endpoint(server.endpoint())
              .tenant(999)
              .maxInFlight(1)
              .requestTimeout(Duration.ofSeconds(3))
              .build(),
          pipeline,
          outcomes,
          accounting,
          id);

  @AfterEach
  void stop() {
    pipeline.stop().forEach(d -> outcomes.dropped(d, "shutdown", null));
    sender.shutdown(Duration.ofSeconds(1));
    server.close();
  }

  private void send(int n) {
    accounting.accepted();
    pipeline.offer(
        Delivery.of(
            Event.builder("order_placed").customer("customer-" + n).build(), System.nanoTime()));
  }

  private ClientStats settled(int accepted) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                accounting.snapshot().pending() == 0
                    && accounting.snapshot().accepted() == accepted);
    return accounting.snapshot();
  }

  @Test
  void anErrorWhileHandlingAnAnswerSettlesTheEventAndFreesItsSlot() {
    AtomicInteger answers = new AtomicInteger();
    sender.hooks =
        new Sender.Hooks() {
          @Override
          public void beforeHandling(Delivery d) {
            if (answers.incrementAndGet() == 1) {
              throw new StackOverflowError();
            }
          }
        };
    sender.start();

    for (int i = 0; i < 20; i++) {
      send(i);
    }
    ClientStats stats = settled(20);

    assertThat(stats.dropped("send_failed")).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(19);
    assertThat(pipeline.inFlight()).isZero();
  }

  @Test
  void anErrorOutsideAnyEventDoesNotStopTheSenderThread() {
    AtomicInteger takes = new AtomicInteger();
    sender.hooks =
        new Sender.Hooks() {
          @Override
          public void beforeTake() {
            if (takes.incrementAndGet() <= 2) {
              throw new StackOverflowError();
            }
          }
        };
    sender.start();

    for (int i = 0; i < 20; i++) {
      send(i);
    }
    ClientStats stats = settled(20);

    assertThat(stats.delivered()).isEqualTo(20);
    assertThat(sender.isAlive()).isTrue();
    assertThat(takes.get()).isGreaterThan(2);
  }

  @Test
  void shutdownReturnsOnlyOnceEveryThreadOfTheSenderHasEnded() throws Exception {
    CountDownLatch handling = new CountDownLatch(1);
    sender.hooks =
        new Sender.Hooks() {
          @Override
          public void beforeHandling(Delivery d) {
            handling.countDown();
            // Busy for a while and deaf to interrupts, like a DNS lookup or a blocked log appender.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() - until < 0) {
              LockSupport.parkNanos(until - System.nanoTime());
            }
          }
        };
    sender.start();
    send(1);
    assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();

    pipeline.stop().forEach(d -> outcomes.dropped(d, "shutdown", null));
    sender.shutdown(Duration.ofSeconds(2));

    assertThat(threadsOfThisSender()).isEmpty();
    assertThat(sender.isAlive()).isFalse();
  }

  private List<Thread> threadsOfThisSender() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            t ->
                t.getName().equals("optimove-sender-" + id)
                    || t.getName().equals("optimove-retry-" + id)
                    || t.getName().startsWith("optimove-request-" + id + "-")
                    || t.getName().startsWith("optimove-http-" + id + "-"))
        .collect(Collectors.toList());
  }
}
