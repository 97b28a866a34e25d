package dev.optievent.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted answer for {@link FakeOptimoveServer#script(Fault...)}: each queued fault replaces the
 * server's normal behaviour for exactly one request. Immutable; create instances with the static
 * factories.
 *
 * <p>What each fault does:
 *
 * <ul>
 *   <li>{@link #status(int)} / {@link #status(int, String)}: a non-2xx status is answered with
 *       {@code {"status":"error","message":"HTTP <code>"}} and nothing is recorded as accepted. A
 *       2xx status processes the request normally (validation included) and answers an accepted
 *       event with that status and the normal success body; the event is recorded.
 *   <li>{@link #delay(Duration)}: normal processing, answered after the given delay instead of the
 *       server's response delay.
 *   <li>{@link #disconnect()}: the request is read, then the connection is closed without any
 *       response.
 *   <li>{@link #malformedBody(int, String)}: answers the raw body with the given status. Never
 *       recorded as accepted, not even for a 2xx status: the client cannot learn a message id from
 *       such a body.
 *   <li>{@link #errorStatus(String)}: HTTP 200 with the vendor's error body; not recorded as
 *       accepted.
 * </ul>
 *
 * Every fault, except {@link #delay(Duration)} which brings its own, is answered after the server's
 * current response delay.
 */
public final class Fault {

  /** What a fault does; see the factories. */
  enum Kind {
    STATUS,
    DELAY,
    DISCONNECT,
    MALFORMED_BODY,
    ERROR_STATUS
  }

  private static final Fault DISCONNECT = new Fault(Kind.DISCONNECT, 0, null, null, null);

  private final Kind kind;
  private final int httpStatus;
  private final String retryAfter;
  private final String text;
  private final Duration delay;

  private Fault(Kind kind, int httpStatus, String retryAfter, String text, Duration delay) {
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
    this.text = text;
    this.delay = delay;
  }

  /**
   * Answers with this HTTP status. For a non-2xx status the body is {@code
   * {"status":"error","message":"HTTP <code>"}} and no event is recorded; for a 2xx status the
   * request is processed normally and a valid event is recorded and answered with the success body.
   *
   * @param httpStatus a final HTTP status, 200 to 599
   * @return the fault
   * @throws IllegalArgumentException if the status is out of range
   */
  public static Fault status(int httpStatus) {
    return new Fault(Kind.STATUS, checkStatus(httpStatus), null, null, null);
  }

  /**
   * Like {@link #status(int)}, plus a {@code Retry-After} header with exactly this value.
   *
   * @param httpStatus a final HTTP status, 200 to 599 (typically 429 or 503)
   * @param retryAfter the header value, delay-seconds ({@code "2"}) or an HTTP-date; sent verbatim
   * @return the fault
   * @throws IllegalArgumentException if the status is out of range or the value is blank or has
   *     line breaks
   */
  public static Fault status(int httpStatus, String retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isBlank() || retryAfter.indexOf('\r') >= 0 || retryAfter.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("Invalid Retry-After value: '" + retryAfter + "'");
    }
    return new Fault(Kind.STATUS, checkStatus(httpStatus), retryAfter, null, null);
  }

  /**
   * Processes the request normally but answers only after {@code delay}, e.g. to exceed a client's
   * timeout. An accepted event is recorded when the request is processed, before the delay, as the
   * real service would have stored it even though the client gave up waiting.
   *
   * @param delay how long to hold the answer back; zero or positive
   * @return the fault
   * @throws IllegalArgumentException if the delay is negative
   */
  public static Fault delay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Negative delay: " + delay);
    }
    return new Fault(Kind.DELAY, 0, null, null, delay);
  }

  /**
   * Reads the request, then closes the connection without sending any response: the client sees an
   * {@link java.io.IOException}. Nothing is recorded as accepted; the request is recorded with
   * {@link RecordedRequest#CONNECTION_CUT}.
   *
   * @return the fault
   */
  public static Fault disconnect() {
    return DISCONNECT;
  }

  /**
   * Answers with this raw body (sent verbatim, with {@code Content-Type: application/json}) and
   * status. Nothing is recorded as accepted, whatever the status.
   *
   * @param httpStatus a final HTTP status, 200 to 599
   * @param body the raw response body, e.g. {@code "not json"}
   * @return the fault
   * @throws IllegalArgumentException if the status is out of range
   */
  public static Fault malformedBody(int httpStatus, String body) {
    Objects.requireNonNull(body, "body");
    return new Fault(Kind.MALFORMED_BODY, checkStatus(httpStatus), null, body, null);
  }

  /**
   * Answers HTTP 200 with {@code {"status":"error","message":"Failed to validate the event with the
   * following error - <reason>"}}, as the vendor does for an event it refuses. Nothing is recorded
   * as accepted.
   *
   * @param reason the reason given after the vendor's prefix
   * @return the fault
   */
  public static Fault errorStatus(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new Fault(Kind.ERROR_STATUS, 200, null, reason, null);
  }

  Kind kind() {
    return kind;
  }

  int httpStatus() {
    return httpStatus;
  }

  String retryAfter() {
    return retryAfter;
  }

  /** The raw body of {@link Kind#MALFORMED_BODY}, or the reason of {@link Kind#ERROR_STATUS}. */
  String text() {
    return text;
  }

  Duration delay() {
    return delay;
  }

  private static int checkStatus(int httpStatus) {
    if (httpStatus < 200 || httpStatus > 599) {
      throw new IllegalArgumentException("HTTP status must be 200-599, was " + httpStatus);
    }
    return httpStatus;
  }

  /**
   * Two faults are equal when they do the same thing.
   *
   * @param other the object to compare with
   * @return whether both describe the same fault
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Fault f
        && kind == f.kind
        && httpStatus == f.httpStatus
        && Objects.equals(retryAfter, f.retryAfter)
        && Objects.equals(text, f.text)
        && Objects.equals(delay, f.delay);
  }

  /**
   * Hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(kind, httpStatus, retryAfter, text, delay);
  }

  /**
   * Describes the fault as the factory call that created it.
   *
   * @return e.g. {@code Fault.status(503, "2")}
   */
  @Override
  public String toString() {
    return switch (kind) {
      case STATUS ->
          retryAfter == null
              ? "Fault.status(" + httpStatus + ")"
              : "Fault.status(" + httpStatus + ", \"" + retryAfter + "\")";
      case DELAY -> "Fault.delay(" + delay + ")";
      case DISCONNECT -> "Fault.disconnect()";
      case MALFORMED_BODY -> "Fault.malformedBody(" + httpStatus + ", \"" + text + "\")";
      case ERROR_STATUS -> "Fault.errorStatus(\"" + text + "\")";
    };
  }
}
