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
  private static final VarHandle SETTLED;

  static {
    try {
      SETTLED = MethodHandles.lookup().findVarHandle(Delivery.class, "settled", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Event event;
  private final long acceptedNanos;
  private final int size;

  // 0: unsettled; CLAIMED: an outcome won (markSettled); COUNTED: and it is in the counters. One
  // field for both, so that a delivery stays as small as it was before counting was tracked.
  private static final int CLAIMED = 1;
  private static final int COUNTED = 2;

  private volatile int settled;

  private volatile int attempts;
  private volatile byte[] payload;

  /**
   * @param event the event to send (as validated)
   * @param acceptedNanos {@link System#nanoTime()} when it was accepted
   */
  public Delivery(Event event, long acceptedNanos) {
    this.event = event;
    this.acceptedNanos = acceptedNanos;
    this.size = EventSize.estimate(event);
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
    return SETTLED.compareAndSet(this, 0, CLAIMED);
  }

  /**
   * @return whether an outcome has been claimed (it may not be counted yet)
   */
  public boolean isSettled() {
    return settled != 0;
  }

  /** Records that the claimed outcome is now in the counters. */
  void markCounted() {
    settled = COUNTED; // only the claimer calls this, after markSettled: no race to lose
  }

  /**
   * @return whether the outcome is in the counters, so that a snapshot taken now shows it
   */
  public boolean isCounted() {
    return settled == COUNTED;
  }

  /**
   * @return attempts made so far (sent requests)
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Counts a new attempt. Called by the sender thread only.
   *
   * @return the number of this attempt, 1 for the first
   */
  int nextAttempt() {
    int n = attempts + 1;
    attempts = n;
    return n;
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
}
