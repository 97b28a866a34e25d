package dev.optievent.spring;

import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import java.time.Instant;

/** Remembers when a delivery last succeeded, for the health contributor. */
final class DeliveryTracker implements DeliveryListener {
  private final Instant created = Instant.now();
  private volatile Instant lastDelivered;

  @Override
  public void onDelivered(Event event, String messageId) {
    lastDelivered = Instant.now();
  }

  /** The last success, or {@code null} if none yet. */
  Instant lastDelivered() {
    return lastDelivered;
  }

  /** Since when to count a wait without success: the last success, or the tracker's start. */
  Instant lastDeliveredOrStart() {
    Instant last = lastDelivered;
    return last == null ? created : last;
  }
}
