package dev.optievent.client.internal.delivery;

import dev.optievent.client.Event;
import dev.optievent.client.internal.OnceLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles events: counts each outcome exactly once, logs it (problems once at WARN per reason and
 * event key, then at DEBUG; deliveries at DEBUG) and tells the listener. Internal.
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

  /**
   * @param accounting the counters
   * @param listener the listener dispatcher
   */
  public Outcomes(Accounting accounting, ListenerDispatcher listener) {
    this.accounting = accounting;
    this.listener = listener;
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
    accounting.delivered();
    d.markCounted();
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Optimove event '{}' ({}) delivered after {} attempt(s), message id {}",
          d.event().eventKey(),
          LogSafe.who(d.event()),
          d.attempts(),
          messageId == null ? null : LogSafe.scrub(messageId, null));
    }
    listener.delivered(d.event(), messageId);
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
      rejectedNow(d.event(), reason, message);
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
      droppedNow(d.event(), reason, detail);
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
