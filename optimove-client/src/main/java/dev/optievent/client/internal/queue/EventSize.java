package dev.optievent.client.internal.queue;

import dev.optievent.client.Event;
import dev.optievent.client.internal.ParamMap;
import java.util.Map;

/**
 * A cheap estimate of the heap an event holds while it waits to be sent: its objects, its text
 * (counted twice: as Java strings and again in the request body made for each attempt) and a fixed
 * share for the bookkeeping around it. It errs high: a captured event's delivery holds less than
 * the base counts (see {@link Delivery}), and a body exists only while a request is in flight. Not
 * exact; meant to bound the queue's memory in bytes, on the caller's thread, without walking
 * anything but the parameters.
 */
final class EventSize {
  /** The event, its delivery, timestamp, context map and request body without text. */
  private static final int BASE = 320;

  /** A parameter's slot or map entry and its boxed value. */
  private static final int PER_PARAMETER = 48;

  /** A String object and its array, before its characters. */
  private static final int PER_STRING = 48;

  private EventSize() {}

  static int estimate(Event event) {
    Map<String, Object> context = event.context();
    if (context instanceof ParamMap params) {
      return estimate(event.customerId(), event.visitorId(), params.sharedValues());
    }
    long bytes = BASE + text(event.customerId()) + text(event.visitorId());
    for (Map.Entry<String, Object> p : context.entrySet()) {
      bytes += PER_PARAMETER + text(p.getKey()) + text(p.getValue());
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  /**
   * The estimate of an event a front-end captured, from its parts: names are shared by every event
   * of a method, so only the values count.
   */
  static int estimate(String customerId, String visitorId, Object[] values) {
    long bytes = BASE + text(customerId) + text(visitorId);
    for (Object value : values) {
      bytes += PER_PARAMETER + text(value);
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  private static long text(Object value) {
    return value instanceof String s ? PER_STRING + 2L * s.length() : 0;
  }
}
