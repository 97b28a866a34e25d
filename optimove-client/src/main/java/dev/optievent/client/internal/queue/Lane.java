package dev.optievent.client.internal.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

// The superclasses below only pad: HotSpot lays out a superclass's fields before its subclass's,
// so the producers' fields (credit, tail) and the consumer's (head) land on cache lines of their
// own, away from each other and from whatever the heap puts beside a lane. Each padding class
// starts with an int: HotSpot (15 and later) puts a subclass's small field into a gap a superclass
// leaves, such as the 4 bytes after a 12-byte header, and without the int the tail sat there, on
// the cache line of the object before the lane (LaneLayoutTest).

/** Padding before the producers' fields. */
abstract class LanePaddingBefore {
  @SuppressWarnings("unused")
  private int p00;

  @SuppressWarnings("unused")
  private long p01, p02, p03, p04, p05, p06, p07, p08;
}

/** What the lane's producers write: its room credit and the list's tail. */
abstract class LaneProducerFields extends LanePaddingBefore {
  /** Room reserved for this lane's callers and not used yet: count and bytes as in {@link Room}. */
  @SuppressWarnings("unused") // through Lane.CREDIT
  volatile long credit;

  /** The last node added; producers swap it. */
  @SuppressWarnings("unused") // through Lane.TAIL
  volatile Delivery tail;
}

/** Padding between the producers' fields and the consumer's. */
abstract class LanePaddingBetween extends LaneProducerFields {
  @SuppressWarnings("unused")
  private int p10;

  @SuppressWarnings("unused")
  private long p11, p12, p13, p14, p15, p16, p17, p18;
}

/** What the consumer writes. */
abstract class LaneConsumerFields extends LanePaddingBetween {
  /** The last node taken (or the placeholder); its link leads to the next. */
  Delivery head;
}

/**
 * One lane of the {@link Intake}: a share of the pipeline's room leased in advance, and a first-in
 * first-out list that any number of threads add to without a lock and without allocating, and that
 * one consumer at a time takes from. Callers are spread over lanes by thread, so that two callers
 * on different cores write different cache lines.
 *
 * <p>The list is Dmitry Vyukov's intrusive multi-producer single-consumer queue (the one behind
 * Netty's and Akka's mailboxes): a producer swaps itself in as the tail with one atomic exchange
 * and then links its predecessor to itself; the deliveries are the list's nodes. Adding is
 * wait-free. Between a producer's exchange and its link the list is briefly cut there; a consumer
 * that meets the cut waits for the link, which follows within a few instructions unless the
 * producer's thread lost its core in between.
 *
 * <p>The credit is room taken from {@link Room} for several events at once, so that the lane's
 * callers reserve their room here, on their own cache line, and touch the shared word only once per
 * lease. Consumers must be serialised by the caller (the pipeline's lock). Internal.
 */
final class Lane extends LaneConsumerFields {
  private static final VarHandle CREDIT;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CREDIT = lookup.findVarHandle(LaneProducerFields.class, "credit", long.class);
      TAIL = lookup.findVarHandle(LaneProducerFields.class, "tail", Delivery.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Spins before yielding, when the list is cut at a producer that has not linked yet. */
  private static final int SPINS = 128;

  @SuppressWarnings("unused")
  private long p21, p22, p23, p24, p25, p26, p27, p28;

  Lane() {
    Delivery placeholder = Delivery.placeholder();
    head = placeholder;
    tail = placeholder;
  }

  // --- Credit: any thread.

  /**
   * Takes room for one event from the lane's credit.
   *
   * @param size the event's estimated bytes
   * @return whether the credit held one event of that size
   */
  boolean takeCredit(int size) {
    while (true) {
      long c = credit;
      if ((c >>> Room.COUNT_SHIFT) == 0 || (c & Room.BYTES_MASK) < size) {
        return false;
      }
      if (CREDIT.weakCompareAndSet(this, c, c - Room.ONE - size)) {
        return true;
      }
    }
  }

  /**
   * Adds leased room to the credit.
   *
   * @param count events
   * @param bytes their bytes
   */
  void addCredit(int count, long bytes) {
    CREDIT.getAndAdd(this, count * Room.ONE + bytes);
  }

  /**
   * Takes the whole credit away, to give it back to the room.
   *
   * @return the credit (count and bytes as in {@link Room}), 0 if none
   */
  long drainCredit() {
    return credit == 0 ? 0 : (long) CREDIT.getAndSet(this, 0L);
  }

  /**
   * @return events the credit holds room for (a moment old)
   */
  int creditCount() {
    return (int) (credit >>> Room.COUNT_SHIFT);
  }

  // --- The list.

  /**
   * Adds a delivery. Any thread; never blocks. A delivery is added at most once in its life.
   *
   * @param d the delivery
   */
  void add(Delivery d) {
    Delivery previous = (Delivery) TAIL.getAndSet(this, d);
    previous.linkNext(d);
  }

  /**
   * Takes the oldest delivery. One consumer at a time.
   *
   * @return the delivery, or {@code null} if none was added since the last one taken
   */
  Delivery poll() {
    Delivery h = head;
    Delivery next = h.linkedNext();
    if (next == null) {
      if (h == tail) {
        return null;
      }
      next = awaitLink(h);
    }
    head = next;
    h.unlinkNext(); // h has left: no producer links to it any more (it is not the tail)
    return next;
  }

  /**
   * @return the oldest delivery, not taken; {@code null} if none, or if the list is cut at its
   *     first producer (one consumer at a time)
   */
  Delivery peek() {
    return head.linkedNext();
  }

  /**
   * Visits every delivery, oldest first, without taking any. One consumer at a time; stops at a
   * producer that has not linked yet (its delivery was not handed over before this).
   *
   * @param visitor told of each delivery
   */
  void forEach(Consumer<Delivery> visitor) {
    for (Delivery d = head.linkedNext(); d != null; d = d.linkedNext()) {
      visitor.accept(d);
    }
  }

  /**
   * @return whether nothing waits in the list (exact for the consumer; a hint for others)
   */
  boolean isEmpty() {
    return head == tail;
  }

  /** A producer has swapped the tail beyond {@code h} but not linked {@code h} yet. */
  private static Delivery awaitLink(Delivery h) {
    Delivery next;
    int spins = 0;
    while ((next = h.linkedNext()) == null) {
      if (++spins < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // the producer lost its core between the exchange and the link
      }
    }
    return next;
  }
}
