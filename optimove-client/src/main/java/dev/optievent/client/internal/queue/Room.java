package dev.optievent.client.internal.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many events the pipeline holds waiting to be sent, and their estimated bytes, in one word:
 * callers reserve room for an event with one compare-and-set, without a lock, and the count and the
 * bytes can never disagree. The high {@value #COUNT_SHIFT}-bit-shifted part is the count, the low
 * part the bytes.
 *
 * <p>The word limits the bounds it can hold, far beyond any heap this library would fill: at most
 * {@link #MAX_CAPACITY} events and {@link #MAX_BYTES} bytes (larger settings are held to these).
 * Retries come back in over the bounds (see {@link Pipeline}); the headroom above both limits takes
 * them. Internal.
 */
final class Room {
  private static final VarHandle WORD;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(Room.class, "word", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static final int COUNT_SHIFT = 36;
  static final long BYTES_MASK = (1L << COUNT_SHIFT) - 1;
  static final long ONE = 1L << COUNT_SHIFT;

  /** Most events held: a quarter of what the count's 28 bits hold, the rest for retries. */
  static final int MAX_CAPACITY = 1 << 26;

  /** Most bytes held: a quarter of what the 36 bits hold, the rest for retries. */
  static final long MAX_BYTES = 1L << 34;

  private final int capacity;
  private final long maxBytes;

  // Padding keeps the word on a cache line of its own: every caller writes it, and the fields
  // beside it in the pipeline are read on every call.
  @SuppressWarnings("unused")
  private long p1, p2, p3, p4, p5, p6, p7;

  @SuppressWarnings("unused") // through WORD
  private volatile long word;

  @SuppressWarnings("unused")
  private long q1, q2, q3, q4, q5, q6, q7;

  /**
   * @param capacity most events held (at most {@link #MAX_CAPACITY} is used)
   * @param maxBytes most estimated bytes held (at most {@link #MAX_BYTES} is used); one event is
   *     always let into an empty pipeline, however big
   */
  Room(int capacity, long maxBytes) {
    this.capacity = Math.min(capacity, MAX_CAPACITY);
    this.maxBytes = Math.min(maxBytes, MAX_BYTES);
  }

  /**
   * Reserves room for an event, if it fits beside what is held by count and by bytes.
   *
   * @param size the event's estimated bytes
   * @return whether room was reserved
   */
  boolean tryReserve(int size) {
    while (true) {
      long w = word;
      if (wouldOverflow(w, size)) {
        return false;
      }
      if (WORD.weakCompareAndSet(this, w, w + ONE + size)) {
        return true;
      }
    }
  }

  /**
   * Reserves room for several events at once (a lane's lease), only if all of it fits: no event is
   * let in beyond the bounds this way, not even into an empty pipeline.
   *
   * @param count events
   * @param bytes their estimated bytes
   * @return whether the room was reserved
   */
  boolean tryLease(int count, long bytes) {
    while (true) {
      long w = word;
      if ((w >>> COUNT_SHIFT) + count > capacity || (w & BYTES_MASK) + bytes > maxBytes) {
        return false;
      }
      if (WORD.weakCompareAndSet(this, w, w + count * ONE + bytes)) {
        return true;
      }
    }
  }

  /**
   * Frees room reserved and not used: a lane's credit given back.
   *
   * @param credit count and bytes, packed as in this word
   */
  void giveBack(long credit) {
    WORD.getAndAdd(this, -credit);
  }

  /**
   * @param count events held that cannot be evicted
   * @param bytes their estimated bytes
   * @param size a new event's estimated bytes
   * @return whether the new event fits beside those alone
   */
  boolean wouldFitBeside(int count, long bytes, int size) {
    return count < capacity && (bytes == 0 || bytes + size <= maxBytes);
  }

  private boolean wouldOverflow(long w, int size) {
    long bytes = w & BYTES_MASK;
    return (w >>> COUNT_SHIFT) >= capacity || (bytes > 0 && bytes + size > maxBytes);
  }

  /**
   * Takes an event back in whatever is held (a retry after its attempt): never refused.
   *
   * @param size the event's estimated bytes
   */
  void add(int size) {
    WORD.getAndAdd(this, ONE + size);
  }

  /**
   * Frees an event's room.
   *
   * @param size the event's estimated bytes
   */
  void release(int size) {
    WORD.getAndAdd(this, -(ONE + size));
  }

  /**
   * @return events held, with room leased to lanes and not used yet
   */
  int count() {
    return (int) (word >>> COUNT_SHIFT);
  }

  /** Frees everything (the pipeline is stopped). */
  void clear() {
    word = 0;
  }
}
