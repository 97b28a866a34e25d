package dev.optievent.spring;

import java.time.Instant;

/**
 * Remembers when deliveries were last seen to succeed, for the health contributor: it reads the
 * client's delivered count at each health check rather than listening to every event, since a
 * {@code DeliveryListener} would send each delivery through the listener thread and turn off the
 * client's fast path for delivered events. A success is therefore dated to the check that first saw
 * it, at most one check interval late.
 */
final class DeliveryTracker {
  private final Instant created;
  private long seenDelivered;
  private Instant lastDelivered;

  DeliveryTracker(Instant created) {
    this.created = created;
  }

  /**
   * Notes the client's delivered count as read now.
   *
   * @param delivered the count
   * @param now when it was read
   */
  synchronized void observe(long delivered, Instant now) {
    if (delivered > seenDelivered) {
      seenDelivered = delivered;
      lastDelivered = now;
    }
  }

  /** The last success seen, or {@code null} if none yet. */
  synchronized Instant lastDelivered() {
    return lastDelivered;
  }

  /** Since when to count a wait without success: the last success seen, or the tracker's start. */
  synchronized Instant lastDeliveredOrStart() {
    return lastDelivered == null ? created : lastDelivered;
  }
}
