package dev.optievent.client.internal.delivery;

import dev.optievent.client.Event;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.store.PreparedEvent;
import dev.optievent.client.internal.wire.InvalidPayloadException;
import dev.optievent.client.internal.wire.PayloadWriter;
import java.time.Instant;

/**
 * Checks a front-end's event and writes its request body without queueing it, for a store outside
 * the client that sends it later ({@link ClientAccess#prepare}). An event a rule refuses is counted
 * here, as accepted and rejected (or dropped), as if it had been sent: it never reaches the store.
 * One that passes is not counted: whoever sends it from the store counts it then. Internal.
 */
public final class Preparation {
  private final long tenant;
  private final PayloadWriter writer;
  private final Checks checks;

  Preparation(long tenant, Checks checks) {
    this.tenant = tenant;
    this.writer = new PayloadWriter(tenant);
    this.checks = checks;
  }

  /**
   * @param epochNanos the event's timestamp, in nanoseconds since the epoch
   * @return the event checked and written, or {@code null} if a rule refused it (counted)
   */
  public PreparedEvent prepare(
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values,
      long epochNanos) {
    return prepare(
        ClientAccess.get()
            .capturedEvent(
                eventKey, customerId, visitorId, epochNanos, new ParamMap(names, values)),
        epochNanos);
  }

  /**
   * An event the user made, checked and written; see {@link ClientAccess#prepare(
   * dev.optievent.client.OptimoveClient, Event)}.
   *
   * @return the event checked and written, or {@code null} if a rule refused it (counted)
   */
  public PreparedEvent prepare(Event event) {
    Instant at = event.timestamp();
    long epochNanos =
        Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    return prepare(event, epochNanos);
  }

  private PreparedEvent prepare(Event event, long epochNanos) {
    Event checked = checks.checked(event, true);
    if (checked == null) {
      return null;
    }
    byte[] body;
    try {
      body = writer.write(checked);
    } catch (InvalidPayloadException e) {
      checks.rejected(checked, e.reason(), e.getMessage());
      return null;
    }
    return new PreparedEvent(tenant, checked.eventKey(), body, epochNanos);
  }
}
