package dev.optievent.client.internal.retry;

import java.time.Duration;

/**
 * What one attempt's answer means for its event. Internal.
 *
 * @param kind the decision
 * @param reason for REJECTED and FAILED a snake_case reason ({@code server_error}, {@code
 *     http_400}, ...); for RETRY a short description of the problem ({@code http_503}, {@code
 *     timeout}, {@code io_error})
 * @param message the server's message or body (REJECTED), or a description of the failure
 * @param messageId Optimove's message id (DELIVERED), {@code null} if the body was unreadable
 * @param retryAfter the server's {@code Retry-After}, or {@code null}
 * @param pauseAll whether every send to the endpoint should wait (a 429)
 * @param status the HTTP status, or 0 if there was no response
 */
public record Verdict(
    Kind kind,
    String reason,
    String message,
    String messageId,
    Duration retryAfter,
    boolean pauseAll,
    int status) {

  /** The decision. */
  public enum Kind {
    /** Optimove took the event. */
    DELIVERED,
    /** Optimove refused the event for good. */
    REJECTED,
    /** A transient problem: try again later. */
    RETRY,
    /** The request could not be made at all, for a reason a retry will not fix. */
    FAILED
  }

  /**
   * @return whether a 2xx body could not be read as Optimove's answer (no {@code
   *     "status":"success"} with a message id)
   */
  public boolean unreadableSuccess() {
    return kind == Kind.DELIVERED && messageId == null;
  }
}
