package dev.optievent.client.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

  @Test
  void readsDeltaSeconds() {
    assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void readsAnHttpDate() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parse(null, NOW)).isNull();
    assertThat(RetryAfter.parse("", NOW)).isNull();
    assertThat(RetryAfter.parse("-5", NOW)).isNull();
    assertThat(RetryAfter.parse("soon", NOW)).isNull();
  }

  @Test
  void survivesAbsurdlyLargeValues() {
    assertThat(RetryAfter.parse("99999999999999999999", NOW)).isGreaterThan(Duration.ofDays(365));
  }

  @Test
  void tenDigitsAreReadExactlyAndMoreSaturate() {
    assertThat(RetryAfter.parse("9999999999", NOW)).isEqualTo(Duration.ofSeconds(9_999_999_999L));
    assertThat(RetryAfter.parse("10000000000", NOW))
        .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
  }

  @Test
  void readsOnlyPlainDigitsAsSeconds() {
    assertThat(RetryAfter.parse("+5", NOW)).isNull();
    assertThat(RetryAfter.parse("5s", NOW)).isNull();
    assertThat(RetryAfter.parse("1.5", NOW)).isNull();
    assertThat(RetryAfter.parse("/9", NOW)).isNull();
    assertThat(RetryAfter.parse(":9", NOW)).isNull();
    assertThat(RetryAfter.parse("\t7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aDateExactlyNowMeansNoWait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:01 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(1));
  }
}
