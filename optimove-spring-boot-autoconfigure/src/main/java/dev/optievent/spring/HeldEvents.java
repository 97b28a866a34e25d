package dev.optievent.spring;

import dev.optievent.aspect.internal.HeldEvent;
import dev.optievent.aspect.internal.SavepointMarks;
import dev.optievent.client.Reasons;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * The events one transaction holds, in the order their methods returned, and what happens to them
 * when it ends: sent if it commits, counted as rolled back if it rolls back, dropped as a possible
 * loss if its outcome is unknown. A nested transaction that rolls back to its savepoint takes the
 * events held since that savepoint with it. Used by one thread at a time, as its transaction is.
 */
final class HeldEvents implements TransactionSynchronization {
  private static final Logger LOG = LoggerFactory.getLogger(HeldEvents.class);

  private final ThreadLocal<HeldEvents> current;
  private final int max;
  // Most transactions report one event or a few: room for four, grown as needed.
  private final List<HeldEvent> events = new ArrayList<>(4);

  /** Where each savepoint left the held events, for a rollback to it. */
  private final SavepointMarks savepoints = new SavepointMarks();

  /**
   * Set when the transaction ended. A JTA transaction manager may end it on another thread (a
   * timeout's rollback), where unbinding this from the transaction's thread cannot happen: the hold
   * then finds it over, and starts anew instead of holding events nobody will send.
   */
  private volatile boolean over;

  /**
   * @param current the hold's per-thread reference to its transaction's events
   * @param max the most events held; later ones are dropped
   */
  HeldEvents(ThreadLocal<HeldEvents> current, int max) {
    this.current = current;
    this.max = max;
  }

  /**
   * Holds {@code event}, or drops it with {@code fullReason} if the transaction holds its most (the
   * client logs the first such drop of each event key at WARN, with the property to raise).
   */
  void add(HeldEvent event, String fullReason) {
    if (events.size() < max) {
      events.add(event);
      return;
    }
    event.drop(
        fullReason,
        new IllegalStateException(
            "the transaction already holds "
                + max
                + " events for its commit; raise optimove.transactions.max-held-events, or report"
                + " from smaller transactions"));
  }

  /**
   * @return whether its transaction has ended
   */
  boolean isOver() {
    return over;
  }

  @Override
  public void suspend() {
    // REQUIRES_NEW or NOT_SUPPORTED: the inner scope must not see this transaction's events.
    current.set(null);
  }

  @Override
  public void resume() {
    current.set(this);
  }

  @Override
  public void savepoint(Object savepoint) {
    savepoints.mark(savepoint, events.size());
  }

  @Override
  public void savepointRollback(Object savepoint) {
    List<HeldEvent> undone = events.subList(savepoints.rollbackFrom(savepoint), events.size());
    undone.forEach(HeldEvent::rolledBack);
    undone.clear();
  }

  @Override
  public void afterCompletion(int status) {
    over = true;
    if (current.get() == this) {
      current.set(null); // kept as an entry of the thread's map: no churn per transaction
    }
    switch (status) {
      case STATUS_COMMITTED -> events.forEach(HeldEvent::send);
      case STATUS_ROLLED_BACK -> {
        events.forEach(HeldEvent::rolledBack);
        LOG.debug("Transaction rolled back: {} held Optimove events not sent", events.size());
      }
      default -> {
        if (!events.isEmpty()) {
          LOG.warn(
              "A transaction's commit failed with its outcome unknown: its {} held Optimove"
                  + " events are not sent, and counted as dropped ({})",
              events.size(),
              Reasons.TRANSACTION_OUTCOME_UNKNOWN);
        }
        events.forEach(
            e ->
                e.drop(
                    Reasons.TRANSACTION_OUTCOME_UNKNOWN,
                    new IllegalStateException("the transaction's outcome is unknown")));
      }
    }
    events.clear();
  }
}
