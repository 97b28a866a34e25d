package dev.optievent.testing;

/**
 * What to answer one request with, and when.
 *
 * @param status the HTTP status (ignored when {@link #cutConnection()})
 * @param body the response body, or {@code null} to cut the connection without a response
 * @param retryAfter a {@code Retry-After} header value, or {@code null}
 * @param allow an {@code Allow} header value, or {@code null}
 * @param delayNanos how long to wait before answering
 * @param shape a fault that shapes how the body is written (stalled, dripped, oversized), or {@code
 *     null} to write it at once
 */
record Reply(
    int status, String body, String retryAfter, String allow, long delayNanos, Fault shape) {

  boolean cutConnection() {
    return body == null;
  }
}
