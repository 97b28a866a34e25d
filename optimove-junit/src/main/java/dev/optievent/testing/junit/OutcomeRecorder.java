package dev.optievent.testing.junit;

import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link DeliveryListener} the extension installs: passes each outcome on to the listener the
 * test's settings gave, if any, then keeps it for the assertions (even if that listener threw), so
 * that once an assertion has seen an outcome, the test's listener has heard it. Thread-safe: the
 * client calls it on its listener thread while the test reads it.
 */
final class OutcomeRecorder implements DeliveryListener {

  private final List<Outcome> outcomes = new ArrayList<>();
  private final DeliveryListener next;

  /**
   * @param next the listener of the test's settings, or {@code null}
   */
  OutcomeRecorder(DeliveryListener next) {
    this.next = next;
  }

  @Override
  public void onDelivered(Event event, String messageId) {
    try {
      if (next != null) {
        next.onDelivered(event, messageId);
      }
    } finally {
      add(new Outcome(Outcome.Kind.DELIVERED, event, null, messageId));
    }
  }

  @Override
  public void onRejected(Event event, String reason, String message) {
    try {
      if (next != null) {
        next.onRejected(event, reason, message);
      }
    } finally {
      add(new Outcome(Outcome.Kind.REJECTED, event, reason, message));
    }
  }

  @Override
  public void onDropped(Event event, String reason) {
    try {
      if (next != null) {
        next.onDropped(event, reason);
      }
    } finally {
      add(new Outcome(Outcome.Kind.DROPPED, event, reason, null));
    }
  }

  private synchronized void add(Outcome outcome) {
    outcomes.add(outcome);
  }

  synchronized List<Outcome> snapshot() {
    return List.copyOf(outcomes);
  }

  synchronized int size() {
    return outcomes.size();
  }

  synchronized void clear() {
    outcomes.clear();
  }
}
