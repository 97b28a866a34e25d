/**
 * Retry policy, with no state of the queue: {@code ResponseClassifier} turns an answer or a failure
 * into a {@code Verdict}, {@code RetryAfter} reads the header, {@code Backoff} paces retries,
 * {@code EndpointCircuit} tells whether the endpoint fails as a whole and {@code ConcurrencyLimit}
 * sets how many requests may be in flight. Internal: not for use outside this library; may change
 * without notice.
 */
package dev.optievent.client.internal.retry;
