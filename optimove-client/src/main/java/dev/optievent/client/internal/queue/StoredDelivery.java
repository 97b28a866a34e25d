package dev.optievent.client.internal.queue;

import dev.optievent.client.Event;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.store.StoredOutcome;
import dev.optievent.client.internal.wire.PayloadWriter;
import java.time.Instant;

/**
 * A {@link Delivery} of an event a store outside the client keeps (the transactional outbox): its
 * request body as written when it was stored, and whom to tell what became of it. Never spooled:
 * the store is its durable copy.
 */
final class StoredDelivery extends Delivery {
  /** Heap besides the body: this object, the body array's header, the key's share. */
  private static final int OVERHEAD = 96;

  private final String eventKey;
  private final byte[] body;
  private final long epochNanos;
  private final long acceptedNanos;
  private final StoredOutcome outcome;

  /**
   * @param epochNanos the event's timestamp
   * @param acceptedNanos when the store handed it over: its age in the client counts from then, as
   *     the store keeps its own maximum age (an event stored during a long outage is still sent)
   */
  StoredDelivery(
      String eventKey, byte[] body, long epochNanos, long acceptedNanos, StoredOutcome outcome) {
    super(OVERHEAD + body.length, 0);
    this.eventKey = eventKey;
    this.body = body;
    this.epochNanos = epochNanos;
    this.acceptedNanos = acceptedNanos;
    this.outcome = outcome;
  }

  /** The event as far as logs and listeners need it: its key and timestamp (no identity). */
  @Override
  public Event event() {
    return new Event(
        eventKey,
        null,
        null,
        Instant.ofEpochSecond(WallClock.seconds(epochNanos), WallClock.nanos(epochNanos)),
        null);
  }

  @Override
  public byte[] body(PayloadWriter writer) {
    return body;
  }

  @Override
  public String eventKey() {
    return eventKey;
  }

  @Override
  public long acceptedNanos() {
    return acceptedNanos;
  }

  @Override
  public StoredOutcome store() {
    return outcome;
  }
}
