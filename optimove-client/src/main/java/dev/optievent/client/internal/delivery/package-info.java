/**
 * The delivery engine behind {@link dev.optievent.client.OptimoveClient}: the bounded pipeline of
 * events, the sender that POSTs them with the JDK {@link java.net.http.HttpClient}, the response
 * classifier, retries with backoff and {@code Retry-After}, the counters and the listener thread.
 * Internal: not for use outside this library; may change without notice.
 */
package dev.optievent.client.internal.delivery;
