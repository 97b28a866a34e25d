package dev.optievent.spring;

import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import java.util.List;

/**
 * Every {@link DeliveryListener} bean, heard in order: the client takes one listener. One that
 * throws does not keep the others from hearing the outcome; the first failure is rethrown for the
 * client to count and log.
 */
final class CompositeDeliveryListener implements DeliveryListener {
  private final List<DeliveryListener> listeners;

  CompositeDeliveryListener(List<DeliveryListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onDelivered(Event event, String messageId) {
    RuntimeException first = null;
    for (DeliveryListener l : listeners) {
      try {
        l.onDelivered(event, messageId);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    rethrow(first);
  }

  @Override
  public void onRejected(Event event, String reason, String message) {
    RuntimeException first = null;
    for (DeliveryListener l : listeners) {
      try {
        l.onRejected(event, reason, message);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    rethrow(first);
  }

  @Override
  public void onDropped(Event event, String reason) {
    RuntimeException first = null;
    for (DeliveryListener l : listeners) {
      try {
        l.onDropped(event, reason);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    rethrow(first);
  }

  private static void rethrow(RuntimeException first) {
    if (first != null) {
      throw first;
    }
  }
}
