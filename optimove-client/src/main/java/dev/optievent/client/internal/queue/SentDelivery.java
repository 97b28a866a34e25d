package dev.optievent.client.internal.queue;

import dev.optievent.client.Event;
import dev.optievent.client.internal.wire.InvalidPayloadException;
import dev.optievent.client.internal.wire.PayloadWriter;

/** A {@link Delivery} of an event as it was sent: the event itself and when it was accepted. */
final class SentDelivery extends Delivery {
  private final Event event;
  private final long acceptedNanos;

  SentDelivery(Event event, long acceptedNanos, int size) {
    super(size, 0);
    this.event = event;
    this.acceptedNanos = acceptedNanos;
  }

  @Override
  public Event event() {
    return event;
  }

  @Override
  public byte[] body(PayloadWriter writer) throws InvalidPayloadException {
    return writer.write(event);
  }

  @Override
  public String eventKey() {
    return event.eventKey();
  }

  @Override
  public long acceptedNanos() {
    return acceptedNanos;
  }
}
