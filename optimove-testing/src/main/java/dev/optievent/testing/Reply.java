package dev.optievent.testing;

/**
 * What to answer one request with, and when.
 *
 * @param status the HTTP status (ignored when {@link #cutConnection()})
 * @param body the response body, or {@code null} to cut the connection without a response
 * @param retryAfter a {@code Retry-After} header value, or {@code null}
 * @param allow an {@code Allow} header value, or {@code null}
 * @param delayNanos how long to wait before answering
 */
record Reply(int status, String body, String retryAfter, String allow, long delayNanos) {

  boolean cutConnection() {
    return body == null;
  }
}
