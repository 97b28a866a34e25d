package dev.optievent.outbox;

/**
 * One event as the outbox keeps it: the request body exactly as it will be sent, with what the
 * relay needs without reading it.
 *
 * @param tenant the tenant the body is for
 * @param eventKey the event key, for logs and metrics
 * @param body the request body, UTF-8 JSON as sent
 * @param acceptedAt when the event was accepted, in milliseconds since the epoch: its age counts
 *     from here
 */
record OutboxRow(long tenant, String eventKey, String body, long acceptedAt) {}
