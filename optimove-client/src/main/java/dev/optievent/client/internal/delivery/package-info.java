/**
 * The engine behind the {@code OptimoveClient} facade: {@code Engine} builds the parts and owns
 * flush, close and the counters; {@code Admission} takes each caller's event (checks, overflow
 * policy, spool hand-off, drop counting); {@code Sender} takes events from {@link
 * dev.optievent.client.internal.queue}, POSTs them through {@link
 * dev.optievent.client.internal.http}, judges each answer with {@link
 * dev.optievent.client.internal.retry} and records the outcome with {@link
 * dev.optievent.client.internal.outcome}. Internal: not for use outside this library; may change
 * without notice.
 */
package dev.optievent.client.internal.delivery;
