package dev.optievent.client.internal.queue;

import dev.optievent.client.Event;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.wire.InvalidPayloadException;
import dev.optievent.client.internal.wire.PayloadWriter;
import java.time.Instant;

/**
 * A {@link Delivery} of an event a front-end captured, holding the event's parts instead of the
 * event: its key, its one ID (the flag says a visitor's), the method's shared parameter names, the
 * call's values and the timestamp, which is also when it was accepted. With the list link, the
 * state and the size that is 48 bytes, where a delivery, an event and a context map took 112.
 *
 * <p>The acceptance time is read back from the timestamp through the current offset between the two
 * clocks ({@link WallClock#nanoTimeAt}). Between two takes of that offset (one a second) this is
 * exactly the monotonic time of acceptance; a step of the system clock while the event waits moves
 * its age by the step.
 */
final class CapturedDelivery extends Delivery {
  private final String eventKey;
  private final String id;
  private final String[] names;
  private final Object[] values;
  private final long epochNanos;

  /**
   * @return whether {@code event} fits this kind: one ID at most, and its context a {@link
   *     ParamMap} (a validation rule that changed the event leaves another map)
   */
  static boolean fits(Event event) {
    return event.context() instanceof ParamMap
        && (event.customerId() == null || event.visitorId() == null);
  }

  /**
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null}; not both set ({@link #fits})
   */
  CapturedDelivery(
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values,
      long epochNanos,
      int size) {
    super(size, customerId == null && visitorId != null ? FLAG : 0);
    this.eventKey = eventKey;
    this.id = customerId != null ? customerId : visitorId;
    this.names = names;
    this.values = values;
    this.epochNanos = epochNanos;
  }

  @Override
  public Event event() {
    return ClientAccess.get()
        .capturedEvent(
            eventKey, customerId(), visitorId(), epochNanos, new ParamMap(names, values));
  }

  @Override
  public byte[] body(PayloadWriter writer) throws InvalidPayloadException {
    return writer.write(
        eventKey,
        customerId(),
        visitorId(),
        Instant.ofEpochSecond(WallClock.seconds(epochNanos), WallClock.nanos(epochNanos)),
        new ParamMap(names, values));
  }

  private String customerId() {
    return flag() ? null : id;
  }

  private String visitorId() {
    return flag() ? id : null;
  }

  @Override
  public String eventKey() {
    return eventKey;
  }

  @Override
  public long acceptedNanos() {
    return WallClock.nanoTimeAt(epochNanos);
  }
}
