package dev.optievent.client.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How long a number may be once written. The payload writes a {@code BigDecimal} in plain notation,
 * so {@code 1E+2147483647}, 13 characters in the caller's hands, would need two billion digits on
 * the sender's thread. Validation measures the written length first, without writing it. Internal.
 */
public final class NumberLimits {

  /** The most digits a number may have in plain notation, leading {@code 0.} zeros included. */
  public static final int MAX_DIGITS = 100;

  // A value with more bits than this has more than MAX_DIGITS digits (2^336 > 10^101).
  private static final int MAX_BITS = 336;

  private NumberLimits() {}

  /**
   * Whether a mapped number can be written within {@link #MAX_DIGITS} digits. Types of bounded size
   * ({@code long}, {@code double}, ...) always can.
   *
   * @param n a number
   * @return {@code false} for a {@code BigDecimal} or {@code BigInteger} that is too long
   */
  public static boolean fits(Number n) {
    if (n instanceof BigDecimal d) {
      // More bits than MAX_DIGITS digits can hold: too long already, without counting them.
      return d.unscaledValue().bitLength() <= MAX_BITS && plainDigits(d) <= MAX_DIGITS;
    }
    if (n instanceof BigInteger i) {
      return i.bitLength() <= MAX_BITS && new BigDecimal(i).precision() <= MAX_DIGITS;
    }
    return true;
  }

  /**
   * How many digits {@code d.toPlainString()} has, leading {@code 0.} zeros included, without
   * building it: {@code 1E+3} has four, {@code 0.001} four, {@code 12.5} three. Counted in {@code
   * long}: a scale near {@code Integer.MIN_VALUE} would overflow an {@code int}.
   *
   * @param d a number
   * @return its digits in plain notation
   */
  public static long plainDigits(BigDecimal d) {
    long precision = d.precision();
    long scale = d.scale();
    if (scale <= 0) {
      return precision - scale; // digits then -scale zeros: 1E+3 is 1000
    }
    return scale >= precision ? scale + 1 : precision; // 0.001 is four digits; 12.5 is three
  }
}
