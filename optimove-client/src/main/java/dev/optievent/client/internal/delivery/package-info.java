/**
 * The delivery engine's driver: {@code Sender} takes events from the queue, POSTs them through
 * {@link dev.optievent.client.internal.http}, judges each answer with {@link
 * dev.optievent.client.internal.retry} and records the outcome with {@link
 * dev.optievent.client.internal.outcome}. Internal: not for use outside this library; may change
 * without notice.
 */
package dev.optievent.client.internal.delivery;
