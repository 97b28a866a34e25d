package dev.optievent.client.internal;

/**
 * Masks customer IDs, visitor IDs and e-mail addresses for log lines: enough to tell two apart when
 * debugging, never the value in clear. Internal: not for use outside this library.
 */
public final class Masking {

  private Masking() {}

  /**
   * Masks an identifier: keeps its first character and its length, e.g. {@code j***(8)}. An e-mail
   * address keeps the first character of each side: {@code j***@d***}.
   *
   * @param value the value, may be {@code null}
   * @return the masked form
   */
  public static String mask(Object value) {
    if (value == null) {
      return "null";
    }
    String s = String.valueOf(value);
    if (s.isEmpty()) {
      return "''";
    }
    int at = s.indexOf('@');
    if (at > 0 && at < s.length() - 1) {
      return s.charAt(0) + "***@" + s.charAt(at + 1) + "***";
    }
    return s.charAt(0) + "***(" + s.length() + ")";
  }
}
