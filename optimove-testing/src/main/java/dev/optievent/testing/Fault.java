package dev.optievent.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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
 *   <li>{@link #retryAfterSeconds(int, long)} / {@link #retryAfterDate(int, Instant)}: like {@link
 *       #status(int, String)}, with the header value built for you (a zero delay or a date in the
 *       past included).
 *   <li>{@link #stallAfterHeaders(Duration)} / {@link #stallBody(int, Duration)}: normal
 *       processing; the status line and headers are sent, then none or part of the body, then
 *       nothing until the hold has passed, when the connection is cut.
 *   <li>{@link #slowBody(Duration)}: normal processing; the body is sent one byte at a time.
 *   <li>{@link #oversizedBody(int, long)}: normal processing, answered with a body of the given
 *       size: the normal answer with a long padding field.
 * </ul>
 *
 * Every fault, except {@link #delay(Duration)} which brings its own, is answered after the server's
 * current response delay. Every fault ends by itself: the longest a connection is held is the hold
 * of a stall, the drip of a slow body, or {@link #OVERSIZED_WRITE_LIMIT} for an oversized body; and
 * {@link FakeOptimoveServer#close()} cuts every connection at once.
 */
public final class Fault {

  /** What a fault does; see the factories. */
  enum Kind {
    STATUS,
    DELAY,
    DISCONNECT,
    MALFORMED_BODY,
    ERROR_STATUS,
    STALL_BODY,
    SLOW_BODY,
    OVERSIZED_BODY
  }

  /**
   * The longest an {@link #oversizedBody(int, long)} answer is written for: a client that neither
   * reads nor closes the connection has it cut after this long.
   */
  public static final Duration OVERSIZED_WRITE_LIMIT = Duration.ofSeconds(30);

  /** The longest hold of a stall, and the longest pause between the bytes of a slow body. */
  public static final Duration MAX_HOLD = Duration.ofMinutes(1);

  /** An HTTP date as RFC 9110 wants it (IMF-fixdate): {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final Fault DISCONNECT = new Fault(Kind.DISCONNECT, 0, null, null, null, 0);

  private final Kind kind;
  private final int httpStatus;
  private final String retryAfter;
  private final String text;
  private final Duration delay;
  private final long size;

  private Fault(
      Kind kind, int httpStatus, String retryAfter, String text, Duration delay, long size) {
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
    this.text = text;
    this.delay = delay;
    this.size = size;
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
    return new Fault(Kind.STATUS, checkStatus(httpStatus), null, null, null, 0);
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
    return new Fault(Kind.STATUS, checkStatus(httpStatus), retryAfter, null, null, 0);
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
    return new Fault(Kind.DELAY, 0, null, null, delay, 0);
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
    return new Fault(Kind.MALFORMED_BODY, checkStatus(httpStatus), null, body, null, 0);
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
    return new Fault(Kind.ERROR_STATUS, 200, null, reason, null, 0);
  }

  /**
   * Like {@link #status(int, String)}, with {@code Retry-After} set to a number of seconds; {@code
   * 0} asks the client to retry at once.
   *
   * @param httpStatus a final HTTP status, 200 to 599 (typically 429 or 503)
   * @param seconds zero or positive
   * @return the fault
   * @throws IllegalArgumentException if the status is out of range or the seconds negative
   */
  public static Fault retryAfterSeconds(int httpStatus, long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("Negative Retry-After: " + seconds);
    }
    return status(httpStatus, Long.toString(seconds));
  }

  /**
   * Like {@link #status(int, String)}, with {@code Retry-After} set to an HTTP date (IMF-fixdate,
   * e.g. {@code Wed, 21 Oct 2015 07:28:00 GMT}, to the second); a date in the past is sent as is.
   *
   * @param httpStatus a final HTTP status, 200 to 599 (typically 429 or 503)
   * @param date when the client may retry; any instant from year 1 to 9999
   * @return the fault
   * @throws IllegalArgumentException if the status is out of range
   */
  public static Fault retryAfterDate(int httpStatus, Instant date) {
    Objects.requireNonNull(date, "date");
    return status(httpStatus, HTTP_DATE.format(date));
  }

  /**
   * Processes the request normally and sends the status line and headers of the normal answer
   * (announcing its whole body), then no body at all until {@code hold} has passed, and then cuts
   * the connection. Same as {@link #stallBody(int, Duration) stallBody(0, hold)}.
   *
   * @param hold how long to send nothing; positive, at most {@link #MAX_HOLD}
   * @return the fault
   * @throws IllegalArgumentException if the hold is out of range
   */
  public static Fault stallAfterHeaders(Duration hold) {
    return stallBody(0, hold);
  }

  /**
   * Processes the request normally and sends the status line and headers of the normal answer
   * (announcing its whole body), then the first {@code sentBytes} bytes of the body (all but its
   * last byte if it is not longer), then nothing until {@code hold} has passed or the server is
   * closed, and then cuts the connection: a client that waits for the whole body waits for the hold
   * and then fails with an {@link java.io.IOException}. A valid event is recorded as accepted, when
   * the request is processed (the real service would have stored it).
   *
   * @param sentBytes how many bytes of the body to send before stalling; zero or positive
   * @param hold how long to send nothing; positive, at most {@link #MAX_HOLD}
   * @return the fault
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Fault stallBody(int sentBytes, Duration hold) {
    if (sentBytes < 0) {
      throw new IllegalArgumentException("Negative byte count: " + sentBytes);
    }
    return new Fault(Kind.STALL_BODY, 200, null, null, checkHold(hold), sentBytes);
  }

  /**
   * Processes the request normally and sends the normal answer's status line and headers at once,
   * then its body one byte every {@code perByte} (a success body of about 50 bytes takes 50 times
   * {@code perByte}). A valid event is recorded as accepted when the request is processed.
   *
   * @param perByte the pause before each byte of the body; positive, at most {@link #MAX_HOLD}
   * @return the fault
   * @throws IllegalArgumentException if the pause is out of range
   */
  public static Fault slowBody(Duration perByte) {
    return new Fault(Kind.SLOW_BODY, 200, null, null, checkHold(perByte), 0);
  }

  /**
   * Answers with a body of {@code bytes} bytes (announced in {@code Content-Length}): the answer
   * {@link #status(int)} would give, with a padding field added, e.g. {@code
   * {"status":"success","message":"<id>","padding":"xxx..."}} for a 2xx status and a valid event
   * (recorded as accepted), or {@code {"status":"error","message":"HTTP 503","padding":"xxx..."}}
   * for status 503. The body is generated while it is written, never held in memory, so it may be
   * far larger than the heap. Writing stops when the client closes the connection, and after {@link
   * #OVERSIZED_WRITE_LIMIT} at the latest; {@link FakeOptimoveServer#bodyBytesSent()} counts what
   * was written.
   *
   * @param httpStatus a final HTTP status, 200 to 599
   * @param bytes the body size; a size below that of the unpadded answer sends the unpadded answer
   * @return the fault
   * @throws IllegalArgumentException if the status is out of range or the size negative
   */
  public static Fault oversizedBody(int httpStatus, long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("Negative body size: " + bytes);
    }
    return new Fault(Kind.OVERSIZED_BODY, checkStatus(httpStatus), null, null, null, bytes);
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

  /** The delay of {@link Kind#DELAY}, the hold of a stall, or the pause per byte of a drip. */
  Duration delay() {
    return delay;
  }

  /** Bytes sent before a stall, or the size of an oversized body. */
  long size() {
    return size;
  }

  /** Whether this fault shapes how the body is written (rather than only what it says). */
  boolean shapesBody() {
    return kind == Kind.STALL_BODY || kind == Kind.SLOW_BODY || kind == Kind.OVERSIZED_BODY;
  }

  private static Duration checkHold(Duration hold) {
    Objects.requireNonNull(hold, "hold");
    if (hold.isNegative() || hold.isZero() || hold.compareTo(MAX_HOLD) > 0) {
      throw new IllegalArgumentException(
          "Hold must be positive and at most " + MAX_HOLD + ": " + hold);
    }
    return hold;
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
        && Objects.equals(delay, f.delay)
        && size == f.size;
  }

  /**
   * Hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(kind, httpStatus, retryAfter, text, delay, size);
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
      case STALL_BODY -> "Fault.stallBody(" + size + ", " + delay + ")";
      case SLOW_BODY -> "Fault.slowBody(" + delay + ")";
      case OVERSIZED_BODY -> "Fault.oversizedBody(" + httpStatus + ", " + size + ")";
    };
  }
}
