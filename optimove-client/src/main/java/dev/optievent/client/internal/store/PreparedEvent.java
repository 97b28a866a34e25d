package dev.optievent.client.internal.store;

/**
 * An event checked and written as the request body it will be sent as, for a store outside the
 * client (the transactional outbox) that sends it later, perhaps from another process. Internal.
 *
 * @param tenant the tenant written into the body
 * @param eventKey the event key (after any rule that changed it)
 * @param body the UTF-8 JSON request body, exactly as it will be sent
 * @param epochNanos the event's timestamp, in nanoseconds since the epoch: its age counts from here
 */
public record PreparedEvent(long tenant, String eventKey, byte[] body, long epochNanos) {}
