package dev.optievent.client.internal.queue;

import java.util.function.Consumer;

/**
 * Where callers hand accepted events over, and reserve their room first: a few {@link Lane}s,
 * chosen by the calling thread, so that callers on different cores neither share a list nor a
 * counter. The consumer (the sender) takes from the lanes in turn.
 *
 * <p><b>Room.</b> A caller reserves room for its event from its lane's credit. When the credit is
 * used up, the lane leases room for {@code leaseCount} events from {@link Room} in one
 * compare-and-set, keeps one for the caller and the rest as credit. Leased room counts as held
 * until it is used or given back, so the bounds hold exactly. Near the bounds a lease no longer
 * fits: the caller then takes every lane's unused credit back into the room and reserves its one
 * event there, under the room's own rules. An event is refused only when the room had no space for
 * it with no credit outstanding anywhere, the same answer a single counter would give.
 *
 * <p><b>Order.</b> Each lane is first-in first-out, and a thread always uses the same lane, so each
 * caller's events are taken in the order it handed them over. Between callers on different lanes,
 * the consumer alternates. One consumer at a time (the pipeline's lock). Internal.
 */
final class Intake {
  /** Most lanes: beyond this, more lanes only cost the consumer more empty lanes to look at. */
  static final int MAX_LANES = 64;

  /** Most events leased at once by a lane. */
  static final int MAX_LEASE = 32;

  /** Bytes leased per event at most, when the bytes bound leaves more per event than this. */
  private static final long MAX_LEASE_BYTES_PER_EVENT = 4096;

  private final Room room;
  private final Lane[] lanes;
  private final int mask;
  private final int leaseCount;
  private final long leaseBytesPerEvent;

  /** Consumer only: the lane to look at first on the next take. */
  private int cursor;

  /**
   * @param room the pipeline's bounds
   * @param capacity the most events it holds
   * @param maxBytes the most estimated bytes it holds
   * @param laneCount lanes, a power of two (see {@link #lanesFor(int)})
   */
  Intake(Room room, int capacity, long maxBytes, int laneCount) {
    if (laneCount < 1 || laneCount > MAX_LANES || Integer.bitCount(laneCount) != 1) {
      throw new IllegalArgumentException("lanes must be a power of two up to 64: " + laneCount);
    }
    this.room = room;
    this.lanes = new Lane[laneCount];
    for (int i = 0; i < laneCount; i++) {
      lanes[i] = new Lane();
    }
    this.mask = laneCount - 1;
    // Leases are small beside the bounds (an eighth of an even share per lane), so that credit
    // held by idle lanes never matters until the bounds are close, where it is taken back.
    this.leaseCount = (int) Math.max(1, Math.min(MAX_LEASE, capacity / (8L * laneCount)));
    this.leaseBytesPerEvent = Math.max(1, Math.min(MAX_LEASE_BYTES_PER_EVENT, maxBytes / capacity));
  }

  /**
   * @param processors the processors the JVM may use
   * @return lanes for that many: four per processor (a thread pool's threads then rarely share
   *     one), a power of two, at most {@link #MAX_LANES}
   */
  static int lanesFor(int processors) {
    int wanted = Math.max(1, Math.min(MAX_LANES, 4 * processors));
    return Integer.bitCount(wanted) == 1 ? wanted : Integer.highestOneBit(wanted) << 1;
  }

  /**
   * @return the calling thread's lane
   */
  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number
  Lane lane() {
    return lanes[(int) Thread.currentThread().getId() & mask];
  }

  /**
   * Reserves room for an event a caller is about to add to its lane.
   *
   * @param lane the caller's {@link #lane()}
   * @param size the event's estimated bytes
   * @return whether room was reserved
   */
  boolean reserve(Lane lane, int size) {
    return lane.takeCredit(size) || reserveBeyondCredit(lane, size);
  }

  private boolean reserveBeyondCredit(Lane lane, int size) {
    if (leaseCount == 1) {
      return room.tryReserve(size); // no lane ever holds credit
    }
    long left = lane.drainCredit(); // too little for this event: back to the room, then a lease
    if (left != 0) {
      room.giveBack(left);
    }
    long perEvent = Math.max(size, leaseBytesPerEvent);
    long leased = leaseCount * perEvent;
    if (room.tryLease(leaseCount, leased)) {
      lane.addCredit(leaseCount - 1, leased - size);
      return true;
    }
    return reserveExactly(size);
  }

  /**
   * Reserves room for one event in the room itself, after taking back every lane's unused credit:
   * the answer a single counter would give. For the slow paths (near the bounds, eviction).
   *
   * @param size the event's estimated bytes
   * @return whether room was reserved
   */
  boolean reserveExactly(int size) {
    for (Lane l : lanes) {
      long credit = l.drainCredit();
      if (credit != 0) {
        room.giveBack(credit);
      }
    }
    return room.tryReserve(size);
  }

  /**
   * @return events held by the room: its count less the credit the lanes hold (a moment old)
   */
  int held() {
    long credit = 0;
    for (Lane l : lanes) {
      credit += l.creditCount();
    }
    return (int) Math.max(0, room.count() - credit);
  }

  /** Frees all room, every lane's credit included (the pipeline stopped). */
  void clear() {
    for (Lane l : lanes) {
      l.drainCredit();
    }
    room.clear();
  }

  /**
   * Takes the next delivery, from the lanes in turn. One consumer at a time.
   *
   * @return the delivery, or {@code null} if none waits
   */
  Delivery poll() {
    for (int i = 0; i < lanes.length; i++) {
      int index = (cursor + i) & mask;
      Delivery d = lanes[index].poll();
      if (d != null) {
        cursor = index + 1;
        return d;
      }
    }
    return null;
  }

  /**
   * Takes the delivery accepted first, of those at the head of a lane. One consumer at a time.
   *
   * @return the delivery, or {@code null} if none waits (or none is linked yet)
   */
  Delivery pollOldest() {
    Lane oldest = oldestLane();
    return oldest == null ? null : oldest.poll();
  }

  /**
   * Takes the delivery accepted first, of those at the head of a lane, if it is older than {@code
   * maxAgeNanos}. One consumer at a time.
   *
   * @param nowNanos now
   * @param maxAgeNanos the age limit
   * @return the delivery, or {@code null} if no head is that old
   */
  Delivery pollExpired(long nowNanos, long maxAgeNanos) {
    Lane oldest = oldestLane();
    if (oldest == null) {
      return null;
    }
    Delivery head = oldest.peek();
    return head != null && nowNanos - head.acceptedNanos() > maxAgeNanos ? oldest.poll() : null;
  }

  private Lane oldestLane() {
    Lane oldest = null;
    long oldestNanos = 0;
    for (Lane l : lanes) {
      Delivery d = l.peek();
      if (d != null && (oldest == null || d.acceptedNanos() - oldestNanos < 0)) {
        oldest = l;
        oldestNanos = d.acceptedNanos();
      }
    }
    return oldest;
  }

  /**
   * Visits every delivery in the lanes without taking any. One consumer at a time; stops in a lane
   * at a producer that has not linked yet (its delivery was not handed over before this).
   *
   * @param visitor told of each delivery
   */
  void forEach(Consumer<Delivery> visitor) {
    for (Lane l : lanes) {
      l.forEach(visitor);
    }
  }

  /**
   * @return whether nothing waits in any lane (exact for the consumer; a hint for others)
   */
  boolean isEmpty() {
    for (Lane l : lanes) {
      if (!l.isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
