package dev.optievent.aspect.internal;

import dev.optievent.client.internal.NumberLimits;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The text of an ID given as a number: a whole number as its plain digits ({@code 1000}, never
 * {@code 1E+3} or {@code 1000.0}). Any other number (a fraction, NaN, an infinity) is no ID at all:
 * sending its text would report the event for a customer nobody has. Internal.
 */
final class NumericIds {

  /**
   * The most digits an ID may have: the client rejects a longer ID anyway, and this keeps a number
   * like {@code 1E+1000000000} from being spelled out first.
   */
  static final int MAX_DIGITS = 200;

  private NumericIds() {}

  /** A number that is not an ID; the message says why, never with the value. */
  static final class NotAnId extends Exception {
    private static final long serialVersionUID = 1L;

    NotAnId(String problem, Number value) {
      super(problem + " (" + value.getClass().getName() + ")", null, false, false);
    }
  }

  /**
   * The ID a number stands for.
   *
   * @param n a number as {@link dev.optievent.client.internal.ValueMapper#map} returns it
   * @return its plain digits
   * @throws NotAnId if it is not a whole number, or has more than {@link #MAX_DIGITS} digits
   */
  static String text(Number n) throws NotAnId {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.toString(); // the common case: digits already, nothing to check
    }
    BigDecimal d;
    if (n instanceof BigDecimal) {
      d = (BigDecimal) n;
    } else if (n instanceof BigInteger) {
      d = new BigDecimal((BigInteger) n);
    } else {
      // Double or Float: ValueMapper turns every other Number into one of the types above.
      double v = n.doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NotAnId("is NaN or infinite", n);
      }
      d = new BigDecimal(v); // exact: 0.1f is not 0.1, and not whole either
    }
    if (d.signum() == 0) {
      return "0";
    }
    BigDecimal whole = d.stripTrailingZeros();
    if (whole.scale() > 0) {
      throw new NotAnId("is a number with a fraction", n);
    }
    if (NumberLimits.plainDigits(whole) > MAX_DIGITS) {
      throw new NotAnId("is a number of more than " + MAX_DIGITS + " digits", n);
    }
    return whole.toPlainString();
  }
}
