package dev.optievent.client.internal.delivery;

import dev.optievent.client.Event;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One accepted event on its way to Optimove: the event, when it was accepted, how many attempts
 * were made and, once serialised, its request body. Settles exactly once: the first of delivered,
 * rejected or dropped wins, later outcomes (a late response after a shutdown drop, ...) are
 * ignored. Internal.
 */
public final class Delivery {
  private static final VarHandle STATE;
  private static final VarHandle NEXT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(Delivery.class, "state", int.class);
      NEXT = lookup.findVarHandle(Delivery.class, "next", Delivery.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // The state packs two things into one int, so that a delivery stays at 40 bytes with the intake
  // link below: the low two bits say whether it is settled (0: no; CLAIMED: an outcome won;
  // COUNTED: and it is in the counters), the rest count the attempts made.
  private static final int CLAIMED = 1;
  private static final int COUNTED = 2;
  private static final int SETTLED_BITS = 3;
  private static final int ONE_ATTEMPT = 4;

  private final Event event;
  private final long acceptedNanos;
  private final int size;
  private volatile int state;
  private volatile byte[] payload;

  /** The next delivery in its {@link Lane}, written once by the producer that follows this one. */
  @SuppressWarnings("unused") // through NEXT
  private volatile Delivery next;

  /**
   * @param event the event to send (as validated)
   * @param acceptedNanos {@link System#nanoTime()} when it was accepted
   */
  public Delivery(Event event, long acceptedNanos) {
    this(event, acceptedNanos, EventSize.estimate(event));
  }

  /** With its size estimated already ({@link EventSize#estimate}). */
  Delivery(Event event, long acceptedNanos, int size) {
    this.event = event;
    this.acceptedNanos = acceptedNanos;
    this.size = size;
  }

  /** The intake's placeholder node: no event, no size. */
  private Delivery() {
    this.event = null;
    this.acceptedNanos = 0;
    this.size = 0;
  }

  static Delivery placeholder() {
    return new Delivery();
  }

  /**
   * @return the estimated bytes this event holds while it waits (see {@link EventSize})
   */
  public int size() {
    return size;
  }

  /**
   * @return the event
   */
  public Event event() {
    return event;
  }

  /**
   * @return {@link System#nanoTime()} at acceptance
   */
  public long acceptedNanos() {
    return acceptedNanos;
  }

  /**
   * Claims the right to settle this delivery.
   *
   * @return {@code true} for the first caller only
   */
  public boolean markSettled() {
    int s;
    do {
      s = state;
      if ((s & SETTLED_BITS) != 0) {
        return false;
      }
    } while (!STATE.compareAndSet(this, s, s | CLAIMED));
    return true;
  }

  /**
   * @return whether an outcome has been claimed (it may not be counted yet)
   */
  public boolean isSettled() {
    return (state & SETTLED_BITS) != 0;
  }

  /** Records that the claimed outcome is now in the counters. Only the claimer calls this. */
  void markCounted() {
    // Attempts may still be counted concurrently (a request thread racing a shutdown): add, do not
    // overwrite. CLAIMED (1) + 1 = COUNTED (2).
    STATE.getAndAdd(this, 1);
  }

  /**
   * @return whether the outcome is in the counters, so that a snapshot taken now shows it
   */
  public boolean isCounted() {
    return (state & SETTLED_BITS) == COUNTED;
  }

  /**
   * @return attempts made so far (sent requests)
   */
  public int attempts() {
    return state >>> 2;
  }

  /**
   * Counts a new attempt. Called by the sender thread only.
   *
   * @return the number of this attempt, 1 for the first
   */
  int nextAttempt() {
    return ((int) STATE.getAndAdd(this, ONE_ATTEMPT) >>> 2) + 1;
  }

  /**
   * @return the serialised body, or {@code null} before the first attempt
   */
  byte[] payload() {
    return payload;
  }

  void payload(byte[] body) {
    this.payload = body;
  }

  /** Lane only: links the delivery that follows this one. */
  void linkNext(Delivery d) {
    NEXT.setRelease(this, d);
  }

  /** Lane only. */
  Delivery linkedNext() {
    return (Delivery) NEXT.getAcquire(this);
  }

  /** Lane only: forgets the link once this node has left the lane. */
  void unlinkNext() {
    NEXT.set(this, null);
  }
}
