package dev.optievent.outbox;

/**
 * A row a relay claimed: its own until its lease runs out.
 *
 * @param id the row's ID
 * @param row the event
 * @param attempts the attempts made before this claim
 */
record ClaimedRow(long id, OutboxRow row, int attempts) {}
