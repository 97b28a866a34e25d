package dev.optievent.client.internal.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses a {@code Retry-After} header: delta-seconds ({@code 120}) or an HTTP-date ({@code Wed, 21
 * Oct 2015 07:28:00 GMT}). Internal.
 */
final class RetryAfter {

  private RetryAfter() {}

  /**
   * Parses the header value.
   *
   * @param value the header value, may be {@code null}
   * @param now the current time, to turn a date into a delay
   * @return the delay (zero for a date in the past), or {@code null} if absent or unreadable
   */
  public static Duration parse(String value, Instant now) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.isEmpty()) {
      return null;
    }
    if (isDigits(v)) {
      // More than 10 digits is centuries: any cap applies long before.
      return v.length() > 10
          ? Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)
          : Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isDigits(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
