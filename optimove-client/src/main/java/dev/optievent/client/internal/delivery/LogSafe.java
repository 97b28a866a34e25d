package dev.optievent.client.internal.delivery;

import dev.optievent.client.Event;
import dev.optievent.client.internal.Masking;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log arguments that never show a customer ID, visitor ID or e-mail address in clear, and that do
 * their (masking) work only if the line is actually logged. Internal.
 */
public final class LogSafe {
  private static final Pattern EMAIL =
      Pattern.compile("[^\\s\"'<>,;:()\\[\\]{}@]+@[^\\s\"'<>,;:()\\[\\]{}@]+");

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
   * masked.
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
    if (s.indexOf('@') >= 0) {
      Matcher m = EMAIL.matcher(s);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(Masking.mask(m.group())));
      }
      m.appendTail(out);
      s = out.toString();
    }
    return s;
  }

  /**
   * Describes a throwable for a log line: its class, message and where it was thrown, without the
   * whole stack trace. Scrub the result before logging it.
   *
   * @param t the throwable
   * @return e.g. {@code java.lang.IllegalStateException: boom at com.acme.Foo.bar(Foo.java:12)}
   */
  public static String describe(Throwable t) {
    StringBuilder b = new StringBuilder(t.getClass().getName());
    if (t.getMessage() != null) {
      b.append(": ").append(t.getMessage());
    }
    StackTraceElement[] trace = t.getStackTrace();
    if (trace.length > 0) {
      b.append(" at ").append(trace[0]);
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
