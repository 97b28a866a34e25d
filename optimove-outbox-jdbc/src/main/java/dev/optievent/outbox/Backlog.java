package dev.optievent.outbox;

/**
 * How much the outbox holds, each count read up to a cap so that a large backlog costs no more to
 * read than a capped one.
 *
 * @param rows rows waiting to be delivered (blocked ones excluded), up to the cap
 * @param blocked rows Optimove refused, kept with its answer, up to the cap
 * @param oldestAcceptedAt when the oldest waiting row was accepted (ms since the epoch), or -1
 */
record Backlog(long rows, long blocked, long oldestAcceptedAt) {}
