package dev.optievent.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** How many digits a number has in plain notation, and the 100-digit limit at its edge. */
class NumberLimitsTest {

  @Test
  void countsThePlainDigitsOfEveryShape() {
    assertThat(NumberLimits.plainDigits(new BigDecimal("12.5"))).isEqualTo(3);
    assertThat(NumberLimits.plainDigits(new BigDecimal("125"))).isEqualTo(3);
    assertThat(NumberLimits.plainDigits(new BigDecimal("1E+3"))).isEqualTo(4);
    assertThat(NumberLimits.plainDigits(new BigDecimal("0.001"))).isEqualTo(4);
    // Scale equal to precision: a leading "0." before every digit.
    assertThat(NumberLimits.plainDigits(new BigDecimal("0.5"))).isEqualTo(2);
    assertThat(NumberLimits.plainDigits(new BigDecimal("0.25"))).isEqualTo(3);
  }

  @Test
  void aFractionOfOneHundredDigitsInPlainNotationFitsAndOneMoreDoesNot() {
    BigDecimal hundred = new BigDecimal("0." + "1".repeat(99)); // "0" and 99 decimals
    BigDecimal hundredAndOne = new BigDecimal("0." + "1".repeat(100));

    assertThat(NumberLimits.plainDigits(hundred)).isEqualTo(100);
    assertThat(NumberLimits.fits(hundred)).isTrue();
    assertThat(NumberLimits.plainDigits(hundredAndOne)).isEqualTo(101);
    assertThat(NumberLimits.fits(hundredAndOne)).isFalse();
  }

  @Test
  void wholeNumbersFitUpToOneHundredDigits() {
    assertThat(NumberLimits.fits(new BigDecimal("9".repeat(100)))).isTrue();
    assertThat(NumberLimits.fits(new BigDecimal("1" + "0".repeat(100)))).isFalse();
    assertThat(NumberLimits.fits(new BigDecimal("1E+99"))).isTrue();
    assertThat(NumberLimits.fits(new BigDecimal("1E+100"))).isFalse();
    assertThat(NumberLimits.fits(new BigInteger("9".repeat(100)))).isTrue();
    assertThat(NumberLimits.fits(BigInteger.TEN.pow(100))).isFalse();
    assertThat(NumberLimits.fits(Long.MIN_VALUE)).isTrue();
    assertThat(NumberLimits.fits(Double.MAX_VALUE)).isTrue();
  }
}
