package dev.optievent.testing;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Checks the vendor's timestamp format, {@code yyyy-MM-dd HH:mm:ss.SSS UTC} (e.g. {@code 2020-04-12
 * 17:32:06.094 UTC}), by hand: it runs for every event, and this is several times cheaper than a
 * regular expression plus a {@link java.time.format.DateTimeFormatter}.
 */
final class UtcTimestamp {

  private static final String SHAPE = "dddd-dd-dd dd:dd:dd.ddd UTC";

  private UtcTimestamp() {}

  /** Whether {@code text} is laid out as {@code yyyy-MM-dd HH:mm:ss.SSS UTC}, with ASCII digits. */
  static boolean hasShape(String text) {
    if (text.length() != SHAPE.length()) {
      return false;
    }
    for (int i = 0; i < SHAPE.length(); i++) {
      char expected = SHAPE.charAt(i);
      char actual = text.charAt(i);
      if (expected == 'd' ? actual < '0' || actual > '9' : actual != expected) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a text that {@link #hasShape has the shape} names a real date and time (no 24:00, no
   * leap second).
   */
  static boolean isRealDateTime(String text) {
    if (number(text, 11, 2) > 23 || number(text, 14, 2) > 59 || number(text, 17, 2) > 59) {
      return false;
    }
    try {
      LocalDate.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static int number(String text, int from, int digits) {
    int value = 0;
    for (int i = from; i < from + digits; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
