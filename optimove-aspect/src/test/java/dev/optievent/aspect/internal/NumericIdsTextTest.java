package dev.optievent.aspect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The edges of the digit rule for numeric IDs (the woven path is in NumericIdsTest). */
class NumericIdsTextTest {

  @Test
  void zeroInAnyFormIsZero() throws Exception {
    assertThat(NumericIds.text(-0.0)).isEqualTo("0");
    assertThat(NumericIds.text(new BigDecimal("0E+5"))).isEqualTo("0");
    assertThat(NumericIds.text(new BigDecimal("0.000"))).isEqualTo("0");
  }

  @Test
  void aWholeNumberOfUpToTwoHundredDigitsIsSpelledOut() throws Exception {
    String digits = "9".repeat(NumericIds.MAX_DIGITS);
    assertThat(NumericIds.text(new BigInteger(digits))).isEqualTo(digits);
    assertThat(NumericIds.text(new BigDecimal("1E+199"))).isEqualTo("1" + "0".repeat(199));
    assertThat(NumericIds.text(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
  }

  @Test
  void aLongerOneIsNotAnIdAndIsNeverSpelledOut() {
    assertThatThrownBy(() -> NumericIds.text(new BigInteger("1" + "0".repeat(200))))
        .isInstanceOf(NumericIds.NotAnId.class)
        .hasMessageContaining("more than 200 digits");
    assertThatThrownBy(() -> NumericIds.text(new BigDecimal("1E+2147483647")))
        .isInstanceOf(NumericIds.NotAnId.class);
    assertThatThrownBy(() -> NumericIds.text(Double.MAX_VALUE))
        .isInstanceOf(NumericIds.NotAnId.class);
  }

  @Test
  void theMessageNamesTheTypeButNeverTheValue() {
    assertThatThrownBy(() -> NumericIds.text(new BigDecimal("4711.5")))
        .hasMessage("is a number with a fraction (java.math.BigDecimal)");
    assertThatThrownBy(() -> NumericIds.text(Float.NaN))
        .hasMessage("is NaN or infinite (java.lang.Float)");
  }
}
