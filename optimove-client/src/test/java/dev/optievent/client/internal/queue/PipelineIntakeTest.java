package dev.optievent.client.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.internal.retry.ConcurrencyLimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The lock-free intake under real concurrency: many callers offer while the sender takes and while
 * the pipeline stops; every queued event comes out exactly once, in one of three ways.
 */
class PipelineIntakeTest {
  private static final int CALLERS = 4;

  private static Delivery delivery(int n) {
    return Delivery.of(Event.builder("e").customer("c" + n).build(), System.nanoTime());
  }

  @Test
  void eachCallersEventsComeOutInTheOrderThatCallerOfferedThem() throws Exception {
    Pipeline p = new Pipeline(1_000_000, Long.MAX_VALUE, 1_000_000);
    int perCaller = 20_000;
    List<Thread> callers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int c = 0; c < CALLERS; c++) {
      int caller = c;
      callers.add(
          new Thread(
              () -> {
                await(start);
                for (int i = 0; i < perCaller; i++) {
                  assertThat(p.offer(delivery(caller * perCaller + i)))
                      .isEqualTo(Pipeline.Offer.QUEUED);
                }
              }));
    }
    callers.forEach(Thread::start);
    start.countDown();
    int[] lastSeen = new int[CALLERS];
    java.util.Arrays.fill(lastSeen, -1);
    for (int taken = 0; taken < CALLERS * perCaller; taken++) {
      Delivery d = p.take();
      int n = Integer.parseInt(d.event().customerId().substring(1));
      int caller = n / perCaller;
      assertThat(n % perCaller).isGreaterThan(lastSeen[caller]);
      lastSeen[caller] = n % perCaller;
      p.done(d);
    }
    for (Thread t : callers) {
      t.join();
    }
    assertThat(p.held()).isZero();
    assertThat(p.stop()).isEmpty();
  }

  @RepeatedTest(5)
  void everyQueuedEventIsTakenHandedOverByStopOrSettledLateExactlyOnce() throws Exception {
    Set<Delivery> late = ConcurrentHashMap.newKeySet();
    Pipeline p = new Pipeline(500, Long.MAX_VALUE, ConcurrencyLimit.fixed(16), late::add);
    Set<Delivery> queued = ConcurrentHashMap.newKeySet();
    Set<Delivery> taken = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      int caller = c;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; running.get(); i++) {
                  Delivery d = delivery(caller * 10_000_000 + i);
                  if (p.offer(d) == Pipeline.Offer.QUEUED) {
                    queued.add(d);
                  }
                }
              }));
    }
    Thread sender =
        new Thread(
            () -> {
              try {
                for (Delivery d; (d = p.take()) != null; ) {
                  taken.add(d);
                  p.done(d);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    threads.forEach(Thread::start);
    sender.start();
    while (taken.size() < 5_000) {
      Thread.onSpinWait();
    }
    List<Delivery> rest = p.stop();
    running.set(false);
    for (Thread t : threads) {
      t.join();
    }
    sender.join();

    assertThat(rest).doesNotHaveDuplicates();
    assertThat(Collections.disjoint(late, taken)).as("late events were not also taken").isTrue();
    assertThat(Collections.disjoint(late, rest)).as("late events were not handed over").isTrue();
    // Events in flight when the pipeline stopped were taken and are handed over again (the client
    // settles each once, whoever comes first): at most the in-flight limit of them.
    Set<Delivery> takenAndHandedOver = Collections.newSetFromMap(new IdentityHashMap<>());
    takenAndHandedOver.addAll(rest);
    takenAndHandedOver.retainAll(taken);
    assertThat(takenAndHandedOver).hasSizeLessThanOrEqualTo(16);

    Set<Delivery> out = Collections.newSetFromMap(new IdentityHashMap<>());
    out.addAll(taken);
    out.addAll(rest);
    out.addAll(late);
    assertThat(out).as("every queued event comes out").containsAll(queued);
    assertThat(queued).containsAll(out);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
