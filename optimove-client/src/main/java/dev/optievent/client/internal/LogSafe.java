package dev.optievent.client.internal;

import dev.optievent.client.Event;

/**
 * Log arguments that never show a customer ID, visitor ID or e-mail address in clear, that cannot
 * forge log lines (control characters become spaces, length is capped), and that do their work only
 * if the line is actually logged. Every scan is linear in the text: server and exception text is
 * never matched by a backtracking pattern. Internal.
 */
public final class LogSafe {
  /** Characters that end an e-mail address on either side of its {@code @}. */
  private static final String EMAIL_DELIMITERS = " \t\n\u000B\f\r\"'<>,;:()[]{}@";

  /** Longest server or exception text put in a log line, in characters. */
  static final int MAX_TEXT = 2_000;

  private LogSafe() {}

  /**
   * The event's identity, masked: {@code customer j***(8)}, {@code visitor b***(16)} or {@code no
   * identity}.
   *
   * @param event the event, may be {@code null}
   * @return a lazily formatted log argument
   */
  public static Object who(Event event) {
    return new Object() {
      @Override
      public String toString() {
        if (event == null) {
          return "no event";
        }
        if (event.customerId() != null) {
          return "customer " + Masking.mask(event.customerId());
        }
        if (event.visitorId() != null) {
          return "visitor " + Masking.mask(event.visitorId());
        }
        return "no identity";
      }
    };
  }

  /**
   * The event key, or {@code ?} without an event.
   *
   * @param event the event, may be {@code null}
   * @return the key
   */
  public static String key(Event event) {
    return event == null ? "?" : event.eventKey();
  }

  /**
   * A message (e.g. the server's, or an exception's) with the event's IDs and any e-mail address
   * masked, control characters (line breaks included) replaced by spaces, and cut to {@link
   * #MAX_TEXT} characters.
   *
   * @param message the text, may be {@code null}
   * @param event the event whose IDs to mask, may be {@code null}
   * @return a lazily scrubbed log argument
   */
  public static Object scrub(String message, Event event) {
    return new Object() {
      @Override
      public String toString() {
        return scrubNow(message, event);
      }
    };
  }

  /**
   * Scrubs at once; see {@link #scrub(String, Event)}.
   *
   * @param message the text, may be {@code null}
   * @param event the event whose IDs to mask, may be {@code null}
   * @return the scrubbed text
   */
  public static String scrubNow(String message, Event event) {
    if (message == null) {
      return "";
    }
    String s = message;
    if (event != null) {
      s = replaceId(s, event.customerId());
      s = replaceId(s, event.visitorId());
    }
    // Masked before cutting, so that a cut never leaves part of an ID or address in clear.
    return cap(clean(maskEmails(s)), message.length());
  }

  /**
   * Masks every e-mail address: a run of non-delimiters, an {@code @}, and another run. One pass:
   * each character is looked at a bounded number of times, whatever the text (the regular
   * expression this replaces backtracked quadratically on a long run before a lone {@code @}).
   */
  static String maskEmails(String s) {
    int at = s.indexOf('@');
    if (at < 0) {
      return s;
    }
    StringBuilder out = null;
    int copied = 0; // s[0, copied) is in out, or needs no change
    int n = s.length();
    while (at >= 0) {
      int start = at;
      while (start > copied && !isEmailDelimiter(s.charAt(start - 1))) {
        start--;
      }
      int end = at + 1;
      while (end < n && !isEmailDelimiter(s.charAt(end))) {
        end++;
      }
      if (start < at && end > at + 1) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, copied, start).append(Masking.mask(s.substring(start, end)));
        copied = end;
      }
      // '@' is a delimiter, so no run reaches past a neighbouring '@': each character is scanned
      // at most twice (once after one '@', once before the next).
      at = s.indexOf('@', Math.max(end, at + 1));
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, n).toString();
  }

  private static boolean isEmailDelimiter(char c) {
    return EMAIL_DELIMITERS.indexOf(c) >= 0;
  }

  /** Control characters (CR, LF, tab, ESC, NEL, ...) and Unicode line separators become spaces. */
  static String clean(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && !isControl(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] chars = s.toCharArray();
    for (; i < n; i++) {
      if (isControl(chars[i])) {
        chars[i] = ' ';
      }
    }
    return new String(chars);
  }

  private static boolean isControl(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  /** Cuts to {@link #MAX_TEXT} characters, saying how long the original was. */
  private static String cap(String s, int originalLength) {
    if (s.length() <= MAX_TEXT) {
      return s;
    }
    int end = MAX_TEXT;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "... (" + originalLength + " chars)";
  }

  /**
   * Describes a throwable for a log line: its class, message and where it was thrown, without the
   * whole stack trace, on one line and at most about {@link #MAX_TEXT} characters. Never throws,
   * even for a throwable whose {@code getMessage()} does. Scrub the result before logging it (it
   * may quote an ID).
   *
   * @param t the throwable
   * @return e.g. {@code java.lang.IllegalStateException: boom at com.acme.Foo.bar(Foo.java:12)}
   */
  public static String describe(Throwable t) {
    if (t == null) {
      return "unknown failure";
    }
    StringBuilder b = new StringBuilder(t.getClass().getName());
    try {
      String message = t.getMessage();
      if (message != null) {
        b.append(": ").append(cap(clean(message), message.length()));
      }
      StackTraceElement[] trace = t.getStackTrace();
      if (trace.length > 0) {
        b.append(" at ").append(clean(String.valueOf(trace[0])));
      }
    } catch (Throwable e) {
      b.append(" (could not be described: ").append(e.getClass().getName()).append(')');
    }
    return b.toString();
  }

  private static String replaceId(String s, String id) {
    if (id == null || id.isBlank()) {
      return s;
    }
    String trimmed = id.strip();
    return s.replace(trimmed, Masking.mask(trimmed));
  }
}
