package dev.optievent.client.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The intake's lanes and the room they lease: the bounds hold exactly, whatever the lanes hold in
 * credit, and each lane keeps its callers' order.
 */
class IntakeTest {
  private static final int SIZE = 100;

  private static Delivery delivery(long acceptedNanos) {
    return Delivery.of(Event.builder("e").customer("c").build(), acceptedNanos, SIZE);
  }

  @Test
  void lanesAreAPowerOfTwoFourPerProcessorAndAtMostSixtyFour() {
    assertThat(Intake.lanesFor(1)).isEqualTo(4);
    assertThat(Intake.lanesFor(2)).isEqualTo(8);
    assertThat(Intake.lanesFor(3)).isEqualTo(16);
    assertThat(Intake.lanesFor(16)).isEqualTo(64);
    assertThat(Intake.lanesFor(1000)).isEqualTo(64);
    assertThatThrownBy(() -> new Intake(new Room(10, 10_000), 10, 10_000, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLaneLeasesRoomForSeveralEventsAndTheHeldCountLeavesTheCreditOut() {
    Room room = new Room(64, Long.MAX_VALUE);
    Intake intake = new Intake(room, 64, Long.MAX_VALUE, 2); // leases 64 / (8 * 2) = 4 at a time
    Lane lane = intake.lane();

    assertThat(intake.reserve(lane, SIZE)).isTrue();
    assertThat(room.count()).as("one lease taken from the room").isEqualTo(4);
    assertThat(lane.creditCount()).isEqualTo(3);
    assertThat(intake.held()).isEqualTo(1);

    for (int i = 0; i < 3; i++) {
      assertThat(intake.reserve(lane, SIZE)).isTrue();
    }
    assertThat(room.count()).as("the credit served the next three").isEqualTo(4);
    assertThat(intake.held()).isEqualTo(4);

    assertThat(intake.reserve(lane, SIZE)).isTrue();
    assertThat(room.count()).as("a second lease").isEqualTo(8);
    assertThat(intake.held()).isEqualTo(5);
  }

  @Test
  void nearTheBoundsTheCreditOfEveryLaneComesBackBeforeAnEventIsRefused() throws Exception {
    int capacity = 4096;
    Room room = new Room(capacity, Long.MAX_VALUE);
    Intake intake = new Intake(room, capacity, Long.MAX_VALUE, 16); // leases 32 at a time
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // Each thread leases room and takes one event's of it, leaving credit in its lane; then this
      // thread fills what is left: it must get every last slot, the other lanes' credit included.
      List<Future<Boolean>> firsts = new ArrayList<>();
      CountDownLatch all = new CountDownLatch(threads);
      for (int t = 0; t < threads; t++) {
        firsts.add(
            pool.submit(
                () -> {
                  all.countDown();
                  all.await(); // all four at once: four threads
                  return intake.reserve(intake.lane(), SIZE);
                }));
      }
      for (Future<Boolean> f : firsts) {
        assertThat(f.get()).isTrue();
      }
      assertThat(intake.held()).isEqualTo(threads);

      int more = 0;
      Lane mine = intake.lane();
      while (intake.reserve(mine, SIZE)) {
        more++;
      }
      assertThat(threads + more).as("refused only once all were taken").isEqualTo(capacity);
      assertThat(room.count()).isEqualTo(capacity);
      assertThat(intake.held()).isEqualTo(capacity);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyCallersFillTheRoomToExactlyItsCapacityAndNoFurther() throws Exception {
    int capacity = 10_000;
    Room room = new Room(capacity, Long.MAX_VALUE);
    Intake intake = new Intake(room, capacity, Long.MAX_VALUE, 8);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger reserved = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      List<Callable<Void>> callers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        callers.add(
            () -> {
              start.await();
              Lane lane = intake.lane();
              while (intake.reserve(lane, SIZE)) {
                reserved.incrementAndGet();
              }
              return null;
            });
      }
      List<Future<Void>> done = new ArrayList<>();
      callers.forEach(c -> done.add(pool.submit(c)));
      start.countDown();
      for (Future<Void> f : done) {
        f.get();
      }
      assertThat(reserved.get()).isEqualTo(capacity);
      assertThat(intake.held()).isEqualTo(capacity);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theBytesBoundHoldsExactlyToo() {
    Room room = new Room(10_000, 10 * SIZE);
    Intake intake = new Intake(room, 10_000, 10 * SIZE, 2);
    Lane lane = intake.lane();
    int reserved = 0;
    while (intake.reserve(lane, SIZE)) {
      reserved++;
    }
    assertThat(reserved).isEqualTo(10);
    assertThat(intake.held()).isEqualTo(10);
  }

  @Test
  void anEmptyRoomTakesOneEventLargerThanItsBytesBound() {
    Room room = new Room(10_000, 1_000);
    Intake intake = new Intake(room, 10_000, 1_000, 2);
    Lane lane = intake.lane();
    assertThat(intake.reserve(lane, 5_000)).isTrue();
    assertThat(intake.reserve(lane, 1)).isFalse();
  }

  @Test
  void theConsumerTakesFromTheLanesInTurnAndEvictsTheOldestHead() throws Exception {
    Room room = new Room(100, Long.MAX_VALUE);
    Intake intake = new Intake(room, 100, Long.MAX_VALUE, 2);
    Lane[] lanes = lanesOfTwoThreads(intake);
    Delivery a1 = delivery(10);
    Delivery a2 = delivery(30);
    Delivery b1 = delivery(20);
    Delivery b2 = delivery(40);
    lanes[0].add(a1);
    lanes[0].add(a2);
    lanes[1].add(b1);
    lanes[1].add(b2);
    List<Delivery> seen = new ArrayList<>();
    intake.forEach(seen::add);
    assertThat(seen).containsExactlyInAnyOrder(a1, a2, b1, b2);

    assertThat(intake.pollOldest()).isSameAs(a1);
    assertThat(intake.pollOldest()).isSameAs(b1);
    Delivery first = intake.poll();
    Delivery second = intake.poll();
    assertThat(List.of(first, second)).containsExactlyInAnyOrder(a2, b2);
    assertThat(intake.isEmpty()).isTrue();
    assertThat(intake.poll()).isNull();
    assertThat(intake.pollOldest()).isNull();
  }

  @Test
  void aBusyLaneDoesNotKeepTheConsumerFromTheOthers() throws Exception {
    Room room = new Room(100, Long.MAX_VALUE);
    Intake intake = new Intake(room, 100, Long.MAX_VALUE, 2);
    Lane[] lanes = lanesOfTwoThreads(intake);
    for (int i = 0; i < 5; i++) {
      lanes[0].add(delivery(i));
    }
    Delivery other = delivery(100);
    lanes[1].add(other);
    List<Delivery> firstTwo = List.of(intake.poll(), intake.poll());
    assertThat(firstTwo).contains(other);
  }

  /** The lanes of this thread and of another whose lane differs (two lanes: odd and even IDs). */
  private static Lane[] lanesOfTwoThreads(Intake intake) throws Exception {
    Lane mine = intake.lane();
    for (int attempt = 0; attempt < 10; attempt++) {
      Lane[] theirs = new Lane[1];
      Thread t = new Thread(() -> theirs[0] = intake.lane());
      t.start();
      t.join();
      if (theirs[0] != mine) {
        return new Lane[] {mine, theirs[0]};
      }
    }
    throw new AssertionError("no thread on the other lane in 10 tries");
  }
}
