package dev.optievent.client.internal.delivery;

import dev.optievent.client.Event;
import dev.optievent.client.OverflowPolicy;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.outcome.Accounting;
import dev.optievent.client.internal.outcome.Outcomes;
import dev.optievent.client.internal.queue.Delivery;
import dev.optievent.client.internal.queue.Pipeline;
import dev.optievent.client.internal.spool.Spool;
import dev.optievent.client.internal.store.StoredOutcome;
import dev.optievent.client.internal.validation.EventValidator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The caller's side of the client: one offer per event, on the calling thread. It counts the event
 * as accepted, runs the checks, and hands the event to the queue, the spool or the overflow policy;
 * whatever refuses the event, it counts the event with its reason. Nothing here waits for the
 * network ({@link OverflowPolicy#BLOCK} alone waits, for room, up to its timeout).
 *
 * <p>Why one object: the overflow-policy switch, the spool's hand-off and the drop counting belong
 * together, and {@code OptimoveClient} stays a facade over them. Internal.
 */
public final class Admission {
  private final EventValidator validator;
  private final Checks checks;
  private final OverflowPolicy overflowPolicy;
  private final long blockTimeoutNanos;
  private final Pipeline pipeline;
  private final Spool spool;
  private final Outcomes outcomes;
  private final Accounting accounting;

  /**
   * Whether a spool-less {@code DROP_NEWEST} client: the common case, and the path a full queue
   * takes on every call during an outage, where no delivery is made for a refused event.
   */
  private final boolean dropNewestInMemory;

  private final AtomicBoolean closed;

  /** Why an event that finds admission closed is dropped: {@code closed}, or {@code disabled}. */
  private final String closedReason;

  /**
   * @param discarding whether admission is closed from the start, every event dropped as {@code
   *     disabled} (a client made by {@code OptimoveClient.disabled()})
   */
  Admission(
      EventValidator validator,
      OverflowPolicy overflowPolicy,
      long blockTimeoutNanos,
      Pipeline pipeline,
      Spool spool,
      Outcomes outcomes,
      Accounting accounting,
      boolean discarding) {
    this.closed = new AtomicBoolean(discarding);
    this.closedReason = discarding ? Reasons.DISABLED : Reasons.CLOSED;
    this.validator = validator;
    this.checks = new Checks(validator, outcomes, accounting);
    this.overflowPolicy = overflowPolicy;
    this.blockTimeoutNanos = blockTimeoutNanos;
    this.pipeline = pipeline;
    this.spool = spool;
    this.outcomes = outcomes;
    this.accounting = accounting;
    this.dropNewestInMemory = overflowPolicy == OverflowPolicy.DROP_NEWEST && spool == null;
  }

  /**
   * Closes admission: every later event is dropped as {@code closed}.
   *
   * @return {@code true} for the call that closed it, {@code false} if it was closed already
   */
  public boolean close() {
    return closed.compareAndSet(false, true);
  }

  /**
   * @return whether {@link #close()} has been called
   */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Offers an event made by the user.
   *
   * @param event the event, not null
   * @return {@code true} if it was queued (or kept on disk for the queue)
   */
  public boolean send(Event event) {
    return send(event, System.nanoTime(), 0, false);
  }

  /**
   * Offers an event a front-end captured as parts; see {@link ClientAccess#sendNow}. One clock read
   * gives the timestamp and the acceptance time.
   *
   * @return {@code true} if it was queued
   */
  public boolean sendNow(
      String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
    long now = System.nanoTime();
    return sendCaptured(
        eventKey, customerId, visitorId, names, values, now, WallClock.epochNanos(now));
  }

  /**
   * Offers an event a front-end captured earlier and held until now (for its transaction's commit);
   * see {@link ClientAccess#sendHeld}. Its timestamp is when it was captured, and so is its
   * acceptance time, from which {@code maxEventAge} counts.
   *
   * @return {@code true} if it was queued
   */
  public boolean sendHeld(
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values,
      long epochNanos) {
    return sendCaptured(
        eventKey,
        customerId,
        visitorId,
        names,
        values,
        WallClock.nanoTimeAt(epochNanos),
        epochNanos);
  }

  /**
   * Offers an event a store outside the client keeps, as the body it stored; see {@link
   * ClientAccess#sendStored}. It bypasses the overflow policy and the spool (the store is its
   * durable copy, and keeps it if there is no room): a full or closed queue returns it at once.
   *
   * @return {@code true} if it was queued; otherwise it was returned to the store
   */
  public boolean sendStored(String eventKey, byte[] body, long epochNanos, StoredOutcome outcome) {
    accounting.accepted();
    Delivery d = Delivery.stored(eventKey, body, epochNanos, outcome);
    Pipeline.Offer offer = closed.get() ? Pipeline.Offer.CLOSED : pipeline.offer(d);
    if (offer == Pipeline.Offer.QUEUED) {
      return true;
    }
    outcomes.droppedOnCallerThread(
        d, offer == Pipeline.Offer.CLOSED ? closedReason : Reasons.QUEUE_FULL);
    return false;
  }

  /**
   * Counts an event held for a transaction that rolled back: never accepted, never sent; see {@link
   * ClientAccess#rolledBack}.
   */
  public void rolledBack() {
    accounting.rolledBack();
  }

  private boolean sendCaptured(
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values,
      long now,
      long epochNanos) {
    if (!passesUnchanged(eventKey, customerId, visitorId, names, values)) {
      // The whole check on the event: it decides, says why, or sends it changed.
      return send(
          capturedEvent(eventKey, customerId, visitorId, epochNanos, names, values),
          now,
          epochNanos,
          true);
    }
    accounting.accepted();
    if (closed.get()) {
      return refused(
          Pipeline.Offer.CLOSED,
          capturedEvent(eventKey, customerId, visitorId, epochNanos, names, values));
    }
    if (dropNewestInMemory) {
      // No delivery is made for an event the pipeline refuses; its Event only then, to count it.
      Pipeline.Offer offer =
          pipeline.offerCaptured(eventKey, customerId, visitorId, names, values, epochNanos);
      return offer == Pipeline.Offer.QUEUED
          || refused(
              offer, capturedEvent(eventKey, customerId, visitorId, epochNanos, names, values));
    }
    return enqueue(Delivery.captured(eventKey, customerId, visitorId, names, values, epochNanos));
  }

  /**
   * Counts an event a front-end could not send as accepted and dropped; see {@link
   * ClientAccess#dropped}.
   */
  public void dropped(Event event, String reason, Throwable cause) {
    accounting.accepted();
    outcomes.droppedNow(
        event, reasonOrUnknown(reason), cause == null ? null : LogSafe.describe(cause));
  }

  /** Validation of a captured event's parts; a rule that throws leaves it to the whole check. */
  private boolean passesUnchanged(
      String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
    try {
      return validator.passesUnchanged(eventKey, customerId, visitorId, names, values);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Event capturedEvent(
      String eventKey,
      String customerId,
      String visitorId,
      long epochNanos,
      String[] names,
      Object[] values) {
    return ClientAccess.get()
        .capturedEvent(eventKey, customerId, visitorId, epochNanos, new ParamMap(names, values));
  }

  /**
   * @param captured whether a front-end captured the event, timestamped at {@code epochNanos} from
   *     the same clock read as {@code acceptedNanos}: its delivery can then hold its parts alone
   */
  private boolean send(Event event, long acceptedNanos, long epochNanos, boolean captured) {
    accounting.accepted();
    if (closed.get()) {
      outcomes.droppedNow(event, closedReason, null);
      return false;
    }
    Event toSend = checks.checked(event, false);
    if (toSend == null) {
      return false;
    }
    boolean asCaptured = captured && toSend == event;
    if (dropNewestInMemory) {
      Pipeline.Offer offer = pipeline.offerNew(toSend, acceptedNanos, epochNanos, asCaptured);
      return offer == Pipeline.Offer.QUEUED || refused(offer, toSend);
    }
    return enqueue(
        asCaptured
            ? Delivery.captured(toSend, acceptedNanos, epochNanos)
            : Delivery.of(toSend, acceptedNanos));
  }

  /** Counts an event the pipeline refused before it had a delivery; always {@code false}. */
  private boolean refused(Pipeline.Offer offer, Event event) {
    outcomes.droppedNow(
        event, offer == Pipeline.Offer.CLOSED ? closedReason : Reasons.QUEUE_FULL, null);
    return false;
  }

  /** The spool first (if any), then the overflow policy. */
  private boolean enqueue(Delivery d) {
    if (spool != null) {
      Pipeline.Offer first = pipeline.offer(d);
      if (first == Pipeline.Offer.QUEUED) {
        spool.keep(d); // write-ahead, on the spool's thread
        return true;
      }
      if (first == Pipeline.Offer.FULL && spool.spill(d)) {
        return true; // no room in memory: it waits on disk
      }
      // Closed, or the spool is full too: the overflow policy decides, as without a spool.
    }
    Pipeline.Offer offer;
    switch (overflowPolicy) {
      case DROP_OLDEST -> {
        offer = offerEvictingOldest(d);
        if (offer == Pipeline.Offer.FULL) {
          return false; // d itself was the one dropped, and counted
        }
      }
      case BLOCK -> offer = offerBlocking(d);
      default -> offer = pipeline.offer(d); // DROP_NEWEST with a spool that could not take it
    }
    if (offer == Pipeline.Offer.QUEUED) {
      return true;
    }
    outcomes.droppedOnCallerThread(
        d, offer == Pipeline.Offer.CLOSED ? Reasons.CLOSED : Reasons.QUEUE_FULL);
    return false;
  }

  private Pipeline.Offer offerEvictingOldest(Delivery d) {
    Pipeline.Eviction eviction = pipeline.offerEvictingOldest(d);
    for (Delivery evicted : eviction.evicted()) {
      outcomes.droppedOnCallerThread(evicted, Reasons.QUEUE_FULL);
    }
    return eviction.offer();
  }

  /**
   * Waits for room up to the block timeout. An interrupted caller does not wait, but its event
   * still goes in if there is room; the interrupt flag is left as it was found.
   */
  private Pipeline.Offer offerBlocking(Delivery d) {
    Pipeline.Offer offer = pipeline.offer(d);
    if (offer != Pipeline.Offer.FULL || Thread.currentThread().isInterrupted()) {
      return offer;
    }
    try {
      return pipeline.offer(d, blockTimeoutNanos);
    } catch (InterruptedException e) {
      Pipeline.Offer last = pipeline.offer(d); // room may have come with the interrupt
      Thread.currentThread().interrupt();
      return last;
    }
  }

  static String reasonOrUnknown(String reason) {
    return reason == null || reason.isBlank() ? Reasons.UNKNOWN : reason;
  }
}
