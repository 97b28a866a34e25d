package dev.optievent.client.internal.outcome;

import dev.optievent.client.Event;
import dev.optievent.client.internal.DeliveryObserver.Outcome;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.OnceLogger;
import dev.optievent.client.internal.queue.Delivery;
import dev.optievent.client.internal.store.StoredOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles events: counts each outcome exactly once, logs it (problems once at WARN per reason and
 * event key, then at DEBUG; deliveries at DEBUG) and tells the listener.
 *
 * <p>Queued events settled through {@link #delivered}, {@link #rejected} and {@link #dropped} are
 * also told to the {@link Observation}: those run on the library's threads (and the closing
 * thread). What a calling thread settles ({@link #rejectedNow}, {@link #droppedNow}, {@link
 * #droppedOnCallerThread}) is counted and reported to the listener, never observed. Internal.
 */
public final class Outcomes {
  private static final Logger LOG = LoggerFactory.getLogger("dev.optievent.client.OptimoveClient");

  // One per outcome, keyed by (reason, event key): a repeat (say, every call while the queue is
  // full) is counted and handed to the listener without building a string or taking a lock.
  private final OnceLogger onceRejected = new OnceLogger(LOG);
  private final OnceLogger onceDropped = new OnceLogger(LOG);
  private final OnceLogger once = new OnceLogger(LOG);
  private final Accounting accounting;
  private final ListenerDispatcher listener;
  private final Observation observation;

  /**
   * Outcomes nobody observes (for tests).
   *
   * @param accounting the counters
   * @param listener the listener dispatcher
   */
  public Outcomes(Accounting accounting, ListenerDispatcher listener) {
    this(accounting, listener, new Observation());
  }

  /**
   * @param accounting the counters
   * @param listener the listener dispatcher
   * @param observation told of each queued event's outcome
   */
  public Outcomes(Accounting accounting, ListenerDispatcher listener, Observation observation) {
    this.accounting = accounting;
    this.listener = listener;
    this.observation = observation;
  }

  /**
   * Settles a delivery as delivered, unless it is already settled.
   *
   * @param d the delivery
   * @param messageId Optimove's message id, or {@code null} if its answer was unreadable
   */
  public void delivered(Delivery d, String messageId) {
    if (!d.markSettled()) {
      return;
    }
    // A store hears the outcome before it is counted: once flush() returns, every store knows.
    StoredOutcome store = d.store();
    if (store != null) {
      tell(store, d, s -> s.delivered());
    }
    accounting.delivered();
    // Observed before it counts as settled: once flush() sees it settled, metrics show it too.
    observation.settled(d, Outcome.DELIVERED, null);
    d.markCounted();
    boolean debug = LOG.isDebugEnabled();
    if (!debug && !listener.listening()) {
      return; // nobody to tell: a captured event is not made again just to be ignored
    }
    Event event = d.event();
    if (debug) {
      LOG.debug(
          "Optimove event '{}' ({}) delivered after {} attempt(s), message id {}",
          event.eventKey(),
          LogSafe.who(event),
          d.attempts(),
          messageId == null ? null : LogSafe.scrub(messageId, null));
    }
    listener.delivered(event, messageId);
  }

  /**
   * Settles a delivery as rejected, unless it is already settled.
   *
   * @param d the delivery
   * @param reason the reason code
   * @param message the server's message or the rule's explanation
   */
  public void rejected(Delivery d, String reason, String message) {
    if (d.markSettled()) {
      StoredOutcome store = d.store();
      if (store != null) {
        tell(store, d, s -> s.rejected(reason, message)); // before it counts: see delivered()
      }
      rejectedNow(d.event(), reason, message);
      observation.settled(d, Outcome.REJECTED, reason);
      d.markCounted();
    }
  }

  /**
   * Settles a delivery as dropped, unless it is already settled.
   *
   * @param d the delivery
   * @param reason the reason code
   * @param detail what happened, for the log (may be {@code null})
   */
  public void dropped(Delivery d, String reason, String detail) {
    if (d.markSettled()) {
      if (d.store() != null) {
        returned(d, reason, detail);
        return;
      }
      droppedNow(d.event(), reason, detail);
      observation.settled(d, Outcome.DROPPED, reason);
      d.markCounted();
    }
  }

  /**
   * An event a store keeps, given back to it instead of dropped: nothing is lost, so it is counted
   * as returned and not as a drop, and the store keeps it for a later attempt.
   */
  private void returned(Delivery d, String reason, String detail) {
    tell(d.store(), d, s -> s.returned(reason, detail)); // before it counts: see delivered()
    accounting.returned();
    d.markCounted();
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Optimove event '{}' returned to its store undelivered ({}){}",
          d.eventKey(),
          reason,
          detail == null ? "" : ": " + LogSafe.scrub(detail, null));
    }
  }

  /** Tells a store what became of its event; what the store throws is logged, never thrown. */
  private void tell(
      StoredOutcome store, Delivery d, java.util.function.Consumer<StoredOutcome> how) {
    try {
      how.accept(store);
    } catch (RuntimeException e) {
      problem(
          "store-outcome",
          "The store of Optimove event '{}' failed to take its outcome: {}",
          d.eventKey(),
          LogSafe.describe(e));
    }
  }

  /**
   * Settles a delivery as dropped on the thread that called {@code send()} (queue full, closed,
   * evicted by {@code DROP_OLDEST}), unless it is already settled: like {@link #dropped}, but not
   * observed, so that the caller's cost does not depend on who observes.
   *
   * @param d the delivery
   * @param reason the reason code
   */
  public void droppedOnCallerThread(Delivery d, String reason) {
    if (d.markSettled()) {
      if (d.store() != null) {
        returned(d, reason, null);
        return;
      }
      droppedNow(d.event(), reason, null);
      d.markCounted();
    }
  }

  /**
   * Counts, logs and reports a rejection of an event that never entered the pipeline (or whose
   * delivery was just claimed).
   *
   * @param event the event, may be {@code null}
   * @param reason the reason code
   * @param message the explanation
   */
  public void rejectedNow(Event event, String reason, String message) {
    accounting.rejected(reason);
    String key = LogSafe.key(event);
    if (onceRejected.isQuietRepeat(reason, key)) {
      listener.rejected(event, reason, message);
      return;
    }
    onceRejected.warn(
        reason,
        key,
        "Optimove event '{}' ({}) rejected ({}): {}",
        key,
        LogSafe.who(event),
        reason,
        LogSafe.scrub(message, event));
    listener.rejected(event, reason, message);
  }

  /**
   * Counts, logs and reports a drop of an event that never entered the pipeline (or whose delivery
   * was just claimed).
   *
   * @param event the event, may be {@code null}
   * @param reason the reason code
   * @param detail what happened, for the log (may be {@code null})
   */
  public void droppedNow(Event event, String reason, String detail) {
    accounting.dropped(reason);
    String key = LogSafe.key(event);
    if (onceDropped.isQuietRepeat(reason, key)) {
      listener.dropped(event, reason);
      return;
    }
    if (detail == null) {
      onceDropped.warn(
          reason, key, "Optimove event '{}' ({}) dropped ({})", key, LogSafe.who(event), reason);
    } else {
      onceDropped.warn(
          reason,
          key,
          "Optimove event '{}' ({}) dropped ({}): {}",
          key,
          LogSafe.who(event),
          reason,
          LogSafe.scrub(detail, event));
    }
    listener.dropped(event, reason);
  }

  /**
   * Logs a problem that is not an event's outcome (a retry, an unreadable answer): once at WARN per
   * key, then at DEBUG.
   *
   * @param key what identifies the problem
   * @param format an SLF4J format
   * @param args its arguments
   */
  public void problem(String key, String format, Object... args) {
    once.warn(key, format, args);
  }
}
