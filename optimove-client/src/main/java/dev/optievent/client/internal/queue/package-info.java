/**
 * The bounded queue of events: {@code Pipeline} (intake, the retry and backlog queues, the
 * in-flight bound and the retry state machine), {@code Intake} of per-thread {@code Lane}s, {@code
 * Room} (the count and memory bounds), the {@code Delivery} kinds and {@code EventSize}. Internal:
 * not for use outside this library; may change without notice.
 */
package dev.optievent.client.internal.queue;
