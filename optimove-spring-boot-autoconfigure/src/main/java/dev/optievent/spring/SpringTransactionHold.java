package dev.optievent.spring;

import dev.optievent.aspect.internal.HeldEvent;
import dev.optievent.aspect.internal.TransactionHold;
import dev.optievent.client.Reasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Holds the events of annotated methods that return inside a Spring-managed transaction until it
 * ends: one {@link HeldEvents} per transaction, the thread's current one until the transaction is
 * suspended (so that {@code REQUIRES_NEW} gets its own, and the outer one's comes back when it
 * resumes), registered as its synchronization. A thread with synchronization but no actual
 * transaction ({@code SUPPORTS}, {@code NOT_SUPPORTED}) has nothing to roll back: its events are
 * sent at once, as Spring's own {@code @TransactionalEventListener} does.
 */
final class SpringTransactionHold implements TransactionHold {
  private static final Logger LOG = LoggerFactory.getLogger(SpringTransactionHold.class);

  private final int maxHeldEvents;

  /**
   * The calling thread's transaction's events, or {@code null}: a thread-local of this hold's own
   * (each application context's hold keeps its own), cheaper than binding a transaction resource,
   * which makes a map per transaction. Cleared when the transaction ends, and while it is
   * suspended.
   */
  private final ThreadLocal<HeldEvents> current = new ThreadLocal<>();

  /**
   * @param maxHeldEvents the most events one transaction holds; later ones are dropped as {@code
   *     transaction_hold_full}
   */
  SpringTransactionHold(int maxHeldEvents) {
    this.maxHeldEvents = maxHeldEvents;
  }

  @Override
  public boolean active() {
    return TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive();
  }

  @Override
  public void hold(HeldEvent event) {
    HeldEvents held = current.get();
    if (held == null || held.isOver()) {
      // None yet, or one ended on another thread, which could not clear it from this one.
      held = new HeldEvents(current, maxHeldEvents);
      try {
        TransactionSynchronizationManager.registerSynchronization(held);
      } catch (RuntimeException e) {
        // Spring refused (a transaction manager in an unusual state): better sent than lost.
        LOG.warn(
            "Could not hold Optimove event '{}' for its transaction ({}); it is sent now, before"
                + " the transaction ends",
            event.eventKey(),
            e.toString());
        event.send();
        return;
      }
      current.set(held);
    }
    held.add(event, Reasons.TRANSACTION_HOLD_FULL);
  }
}
