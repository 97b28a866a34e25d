package dev.optievent.client.internal.queue;

import dev.optievent.client.Event;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.store.StoredOutcome;
import dev.optievent.client.internal.wire.InvalidPayloadException;
import dev.optievent.client.internal.wire.PayloadWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One accepted event on its way to Optimove: the event, when it was accepted and how many attempts
 * were made. Settles exactly once: the first of delivered, rejected or dropped wins, later outcomes
 * (a late response after a shutdown drop, ...) are ignored. Internal.
 *
 * <p>Two kinds, because a queued event's heap is most of the queue's: {@link #of} wraps an {@link
 * Event} as it was sent; {@link #captured} holds a captured event's parts in this one object (48
 * bytes with its list link and state), with no {@code Event} or context map behind it until one is
 * asked for. The request body is made for each attempt and not kept: retries are rare, and a body
 * kept for each waiting event cost more heap than writing it again costs time.
 */
public abstract class Delivery {
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

  // The state packs four things into one int, so that a delivery has no field it could do
  // without: the low two bits say whether it is settled (0: no; CLAIMED: an outcome won; COUNTED:
  // and it is in the counters), the next bit is a flag its kind may use (fixed at creation), the
  // next 16 count the attempts made and the top 13 the failures charged to the event itself (see
  // Sender: failures while the endpoint answered other requests). Both counts saturate.
  private static final int CLAIMED = 1;
  private static final int COUNTED = 2;
  private static final int SETTLED_BITS = 3;
  static final int FLAG = 4;
  private static final int ATTEMPT_SHIFT = 3;
  private static final int ATTEMPT_BITS = 16;
  private static final int MAX_ATTEMPTS = (1 << ATTEMPT_BITS) - 1;
  private static final int CHARGE_SHIFT = ATTEMPT_SHIFT + ATTEMPT_BITS;

  /** The most failures a delivery counts as its own; more are counted as this many. */
  private static final int MAX_CHARGES = (1 << (32 - CHARGE_SHIFT)) - 1;

  private final int size;
  private volatile int state;

  /** The next delivery in its {@link Lane}, written once by the producer that follows this one. */
  @SuppressWarnings("unused") // through NEXT
  private volatile Delivery next;

  Delivery(int size, int flag) {
    this.size = size;
    if (flag != 0) {
      // A plain write: a volatile one would fence every caller. The lane publishes the delivery
      // with release semantics, so whoever takes it sees the flag.
      STATE.set(this, flag);
    }
  }

  /**
   * A delivery of an event as it was sent.
   *
   * @param event the event to send (as validated)
   * @param acceptedNanos {@link System#nanoTime()} when it was accepted
   * @return the delivery
   */
  public static Delivery of(Event event, long acceptedNanos) {
    return of(event, acceptedNanos, EventSize.estimate(event));
  }

  /** With its size estimated already ({@link EventSize#estimate}). */
  static Delivery of(Event event, long acceptedNanos, int size) {
    return new SentDelivery(event, acceptedNanos, size);
  }

  /**
   * {@link #captured(Event, long, long, int)} with its size estimated here.
   *
   * @param event the event, as validated
   * @param acceptedNanos {@link System#nanoTime()} when it was accepted
   * @param epochNanos its timestamp, from the same clock read
   * @return the delivery
   */
  public static Delivery captured(Event event, long acceptedNanos, long epochNanos) {
    return captured(event, acceptedNanos, epochNanos, EventSize.estimate(event));
  }

  /**
   * A delivery of an event a front-end captured, timestamped at acceptance: its parts in one object
   * when they fit ({@link CapturedDelivery#fits}), the event wrapped otherwise.
   *
   * @param event the event, as validated; its context a {@link
   *     dev.optievent.client.internal.ParamMap}
   * @param acceptedNanos {@link System#nanoTime()} when it was accepted
   * @param epochNanos its timestamp, read from that same clock read ({@link
   *     dev.optievent.client.internal.WallClock})
   * @param size its size ({@link EventSize#estimate})
   * @return the delivery
   */
  static Delivery captured(Event event, long acceptedNanos, long epochNanos, int size) {
    return CapturedDelivery.fits(event)
        ? new CapturedDelivery(
            event.eventKey(),
            event.customerId(),
            event.visitorId(),
            ((ParamMap) event.context()).sharedNames(),
            ((ParamMap) event.context()).sharedValues(),
            epochNanos,
            size)
        : new SentDelivery(event, acceptedNanos, size);
  }

  /**
   * A delivery of an event a front-end captured and validation passed unchanged, made from its
   * parts: no {@link Event} is made for it.
   *
   * @param eventKey the event key
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null} (not both set)
   * @param names the parameter names by slot, shared
   * @param values the values by slot, handed over
   * @param epochNanos its timestamp, which is also when it was accepted
   * @return the delivery
   */
  public static Delivery captured(
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values,
      long epochNanos) {
    return new CapturedDelivery(
        eventKey,
        customerId,
        visitorId,
        names,
        values,
        epochNanos,
        EventSize.estimate(customerId, visitorId, values));
  }

  /**
   * A delivery of an event a store outside the client keeps, as the body it wrote; see {@link
   * dev.optievent.client.internal.ClientAccess#sendStored}.
   *
   * @param eventKey the event key
   * @param body the request body, as stored
   * @param epochNanos its timestamp
   * @param outcome whom to tell what became of it
   * @return the delivery, accepted now: its age in the client ({@code maxEventAge}) counts from the
   *     hand-over, the store keeping its own maximum age
   */
  public static Delivery stored(
      String eventKey, byte[] body, long epochNanos, StoredOutcome outcome) {
    return new StoredDelivery(eventKey, body, epochNanos, System.nanoTime(), outcome);
  }

  /**
   * @return whom to tell this delivery's outcome, for an event a store outside the client keeps;
   *     {@code null} for the others
   */
  public StoredOutcome store() {
    return null;
  }

  /** The intake's placeholder node: no event, no size. */
  static Delivery placeholder() {
    return new SentDelivery(null, 0, 0);
  }

  /**
   * @return the estimated bytes this event holds while it waits (see {@link EventSize})
   */
  public final int size() {
    return size;
  }

  /**
   * @return the event; for a captured one, made anew at each call
   */
  public abstract Event event();

  /**
   * Writes the request body of one attempt.
   *
   * @param writer the writer
   * @return the UTF-8 JSON body
   * @throws InvalidPayloadException if a context value cannot be written
   */
  public abstract byte[] body(PayloadWriter writer) throws InvalidPayloadException;

  /**
   * @return the event's key, without making the event
   */
  public abstract String eventKey();

  /**
   * @return {@link System#nanoTime()} at acceptance
   */
  public abstract long acceptedNanos();

  /** The flag bit, for the kinds that use it. */
  final boolean flag() {
    return (state & FLAG) != 0;
  }

  /**
   * Claims the right to settle this delivery.
   *
   * @return {@code true} for the first caller only
   */
  public final boolean markSettled() {
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
  public final boolean isSettled() {
    return (state & SETTLED_BITS) != 0;
  }

  /** Records that the claimed outcome is now in the counters. Only the claimer calls this. */
  public final void markCounted() {
    // Attempts may still be counted concurrently (a request thread racing a shutdown): add, do not
    // overwrite. CLAIMED (1) + 1 = COUNTED (2).
    STATE.getAndAdd(this, 1);
  }

  /**
   * @return whether the outcome is in the counters, so that a snapshot taken now shows it
   */
  public final boolean isCounted() {
    return (state & SETTLED_BITS) == COUNTED;
  }

  /**
   * @return attempts made so far (sent requests)
   */
  public final int attempts() {
    return (state >>> ATTEMPT_SHIFT) & MAX_ATTEMPTS;
  }

  /**
   * Counts a new attempt (at most {@code 65535} are counted). Called by the sender thread only.
   *
   * @return the number of this attempt, 1 for the first
   */
  public final int nextAttempt() {
    while (true) {
      int s = state;
      int made = (s >>> ATTEMPT_SHIFT) & MAX_ATTEMPTS;
      if (made == MAX_ATTEMPTS) {
        return made;
      }
      // A CAS, not an add: the settled bits may change beside it (a shutdown racing a request).
      if (STATE.compareAndSet(this, s, s + (1 << ATTEMPT_SHIFT))) {
        return made + 1;
      }
    }
  }

  /**
   * Counts a failed attempt against the event itself (at most {@link #MAX_CHARGES}): one that
   * failed while the endpoint answered other requests, so the event may be its cause.
   *
   * @return the failures charged so far, this one included
   */
  public final int charge() {
    while (true) {
      int s = state;
      int charged = s >>> CHARGE_SHIFT;
      if (charged == MAX_CHARGES) {
        return charged;
      }
      if (STATE.compareAndSet(this, s, s + (1 << CHARGE_SHIFT))) {
        return charged + 1;
      }
    }
  }

  /** Lane only: links the delivery that follows this one. */
  final void linkNext(Delivery d) {
    NEXT.setRelease(this, d);
  }

  /** Lane only. */
  final Delivery linkedNext() {
    return (Delivery) NEXT.getAcquire(this);
  }

  /** Lane only: forgets the link once this node has left the lane. */
  final void unlinkNext() {
    NEXT.set(this, null);
  }
}
