package dev.optievent.client.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Maps Java values to Optimove's three parameter types: text, number and boolean. Internal.
 *
 * <ul>
 *   <li>text: {@code CharSequence}, enums (by name), {@code UUID}, {@code char}, and dates and
 *       times in the vendor's timestamp format {@code yyyy-MM-dd HH:mm:ss.SSS UTC} (a {@code
 *       LocalDateTime} or {@code LocalDate} is taken as UTC);
 *   <li>number: every Java numeric type, {@code BigDecimal} exact;
 *   <li>boolean.
 * </ul>
 *
 * {@code Optional} is unwrapped; {@code null} and an empty optional leave the parameter out.
 */
public final class ValueMapper {

  private ValueMapper() {}

  /** The Optimove type a Java type maps to, without looking at a value. */
  public enum Kind {
    TEXT,
    NUMBER,
    BOOLEAN,
    OPTIONAL,
    DYNAMIC,
    UNSUPPORTED
  }

  /**
   * Classifies a declared type.
   *
   * @param type the declared (erased) type of a value
   * @return its kind; {@link Kind#DYNAMIC} for {@code Object} (decided per value)
   */
  public static Kind kindOf(Class<?> type) {
    if (type == boolean.class || type == Boolean.class) {
      return Kind.BOOLEAN;
    }
    if (type.isPrimitive() && type != char.class && type != void.class) {
      return Kind.NUMBER;
    }
    if (Number.class.isAssignableFrom(type)) {
      return Kind.NUMBER;
    }
    if (type == char.class
        || type == Character.class
        || CharSequence.class.isAssignableFrom(type)
        || type.isEnum()
        || Enum.class.isAssignableFrom(type)
        || type == UUID.class
        || isTemporal(type)) {
      return Kind.TEXT;
    }
    if (type == Optional.class
        || type == OptionalInt.class
        || type == OptionalLong.class
        || type == OptionalDouble.class) {
      return Kind.OPTIONAL;
    }
    if (type == Object.class) {
      return Kind.DYNAMIC;
    }
    return Kind.UNSUPPORTED;
  }

  private static boolean isTemporal(Class<?> type) {
    return type == Instant.class
        || type == ZonedDateTime.class
        || type == OffsetDateTime.class
        || type == LocalDateTime.class
        || type == LocalDate.class
        || Date.class.isAssignableFrom(type);
  }

  /**
   * Maps a value.
   *
   * @param value any value
   * @return a String, Number or Boolean, or {@code null} to leave the parameter out
   * @throws UnsupportedValueException if the value's type cannot map
   */
  public static Object map(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      return number((Number) value);
    }
    if (value instanceof CharSequence || value instanceof UUID || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Enum) {
      return ((Enum<?>) value).name();
    }
    if (value instanceof Optional) {
      return map(((Optional<?>) value).orElse(null));
    }
    if (value instanceof OptionalInt) {
      OptionalInt o = (OptionalInt) value;
      return o.isPresent() ? o.getAsInt() : null;
    }
    if (value instanceof OptionalLong) {
      OptionalLong o = (OptionalLong) value;
      return o.isPresent() ? o.getAsLong() : null;
    }
    if (value instanceof OptionalDouble) {
      OptionalDouble o = (OptionalDouble) value;
      return o.isPresent() ? o.getAsDouble() : null;
    }
    if (value instanceof TemporalAccessor || value instanceof Date) {
      return timestamp(value);
    }
    throw new UnsupportedValueException(
        "a value of type "
            + value.getClass().getName()
            + " cannot be sent as text, number or boolean; use @EventParam(path = ...) to pick a property of it");
  }

  /**
   * The one normalisation of numbers, for the aspect and for {@link dev.optievent.client.Event}
   * alike: the JDK's plain number types are kept as they are; counters and accumulators become
   * their {@code long} or {@code double} value; any other {@code Number} becomes the exact {@code
   * BigDecimal} of its text, or its {@code double} if its text is not a number.
   */
  private static Object number(Number n) {
    if (isPlainNumber(n)) {
      return n;
    }
    if (n instanceof AtomicInteger
        || n instanceof AtomicLong
        || n instanceof LongAdder
        || n instanceof LongAccumulator) {
      return n.longValue();
    }
    if (n instanceof DoubleAdder || n instanceof DoubleAccumulator) {
      return n.doubleValue();
    }
    String text = n.toString();
    if (text != null) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        // not a decimal (say "NaN"): fall back to its double value, checked by validation
      }
    }
    return n.doubleValue();
  }

  /**
   * Whether a value is one of the number types the payload writer takes as they are: {@code
   * Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code Double}, {@code Float}, {@code
   * BigDecimal} or {@code BigInteger}.
   *
   * @param value any value
   * @return whether it is a plain number
   */
  public static boolean isPlainNumber(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof BigDecimal
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Float
        || value instanceof BigInteger;
  }

  /**
   * Whether a value is already what {@link #map(Object)} returns: a String, a Boolean or a
   * {@linkplain #isPlainNumber(Object) plain number}.
   *
   * @param value any value
   * @return whether it needs no mapping
   */
  public static boolean isMapped(Object value) {
    return value instanceof String || value instanceof Boolean || isPlainNumber(value);
  }

  private static String timestamp(Object value) {
    Instant instant;
    if (value instanceof Instant) {
      instant = (Instant) value;
    } else if (value instanceof ZonedDateTime) {
      instant = ((ZonedDateTime) value).toInstant();
    } else if (value instanceof OffsetDateTime) {
      instant = ((OffsetDateTime) value).toInstant();
    } else if (value instanceof LocalDateTime) {
      instant = ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    } else if (value instanceof LocalDate) {
      instant = ((LocalDate) value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } else if (value instanceof Date) {
      instant = Instant.ofEpochMilli(((Date) value).getTime());
    } else {
      throw new UnsupportedValueException(
          "the date-time type "
              + value.getClass().getName()
              + " is not supported; use Instant, ZonedDateTime, OffsetDateTime, LocalDateTime or LocalDate");
    }
    return Timestamps.VENDOR.format(instant);
  }
}
