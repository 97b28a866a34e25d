package dev.optievent.testing.junit;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Parameter values as Optimove sees them: text, number or boolean. Normalises what a test expects,
 * compares it with what arrived (numbers by value, so {@code 59.9} equals {@code 59.90}) and writes
 * both for failure messages.
 */
final class Values {

  private Values() {}

  /**
   * The wire form of a value a test expects: a {@link String}, {@link Boolean} or {@link Number}.
   *
   * @throws IllegalArgumentException for {@code null}, a number JSON cannot carry, or another type
   */
  static Object expected(String name, Object value) {
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n) {
      if (decimal(n) == null) {
        throw new IllegalArgumentException(
            "Parameter " + name + ": " + n + " is no number Optimove can receive");
      }
      return n;
    }
    if (value == null) {
      throw new IllegalArgumentException(
          "Parameter " + name + ": expected value is null; use without(\"" + name + "\")");
    }
    throw new IllegalArgumentException(
        "Parameter "
            + name
            + ": expect the value Optimove receives (text, number or boolean), not a "
            + value.getClass().getName()
            + "; a date, for instance, as its text \"2026-11-27 05:12:01.123 UTC\"");
  }

  /** Whether two values are of the same Optimove type. */
  static boolean sameType(Object a, Object b) {
    return type(a).equals(type(b));
  }

  /** Whether two values are equal as Optimove sees them: same type, numbers by value. */
  static boolean same(Object expected, Object actual) {
    if (expected instanceof Number e && actual instanceof Number a) {
      BigDecimal x = decimal(e);
      BigDecimal y = decimal(a);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    return expected.equals(actual);
  }

  /** The Optimove type of a value: {@code text}, {@code number}, {@code boolean} or a class. */
  static String type(Object value) {
    if (value instanceof String) {
      return "text";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return value == null ? "null" : value.getClass().getName();
  }

  /** The value as JSON would show it: text quoted, numbers in plain notation. */
  static String render(Object value) {
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return String.valueOf(value);
  }

  /** The value with its type: {@code text "2"}, {@code number 2}. */
  static String renderTyped(Object value) {
    return type(value) + " " + render(value);
  }

  /** Text in double quotes, with quotes, backslashes and control characters escaped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** The exact value of a number, or {@code null} for NaN and the infinities. */
  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof Float f) {
      return f.isNaN() || f.isInfinite() ? null : new BigDecimal(Float.toString(f));
    }
    double d = n.doubleValue();
    if (n instanceof Double) {
      return Double.isNaN(d) || Double.isInfinite(d) ? null : BigDecimal.valueOf(d);
    }
    try {
      // Other Number types (AtomicLong, LongAdder, ...): their text is their value.
      return new BigDecimal(n.toString().trim());
    } catch (NumberFormatException e) {
      return Double.isNaN(d) || Double.isInfinite(d) ? null : BigDecimal.valueOf(d);
    }
  }
}
