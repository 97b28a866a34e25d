package dev.optievent.client.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void doublesTheCeilingUpToTheCap() {
    assertThat(backoff.ceilingNanos(1)).isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(backoff.ceilingNanos(2)).isEqualTo(Duration.ofMillis(200).toNanos());
    assertThat(backoff.ceilingNanos(4)).isEqualTo(Duration.ofMillis(800).toNanos());
    assertThat(backoff.ceilingNanos(5)).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(backoff.ceilingNanos(500)).isEqualTo(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void drawsFullJitterBetweenZeroAndTheCeiling() {
    long max = 0;
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 2_000; i++) {
      long d = backoff.delayNanos(3);
      assertThat(d).isBetween(0L, backoff.ceilingNanos(3));
      max = Math.max(max, d);
      min = Math.min(min, d);
    }
    // Spread over the whole range, not a fixed delay plus a little noise.
    assertThat(min).isLessThan(backoff.ceilingNanos(3) / 4);
    assertThat(max).isGreaterThan(backoff.ceilingNanos(3) * 3 / 4);
  }

  @Test
  void theFirstRetryAndAnythingBeforeItUseTheBase() {
    assertThat(backoff.ceilingNanos(0)).isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(backoff.ceilingNanos(-3)).isEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void aCeilingThatWouldOverflowIsTheCap() {
    Backoff huge = new Backoff(Duration.ofDays(365), Duration.ofDays(3650));
    Backoff unbounded = new Backoff(Duration.ofDays(365), Duration.ofSeconds(Long.MAX_VALUE));

    assertThat(huge.ceilingNanos(63)).isEqualTo(Duration.ofDays(3650).toNanos());
    // base << 62 would wrap around; the ceiling saturates instead (at the longest duration kept).
    assertThat(unbounded.ceilingNanos(63)).isEqualTo(Durations.MAX_NANOS);
    assertThat(unbounded.ceilingNanos(2)).isEqualTo(Duration.ofDays(730).toNanos());
    assertThat(unbounded.delayNanos(63)).isBetween(0L, Durations.MAX_NANOS);
  }

  @Test
  void noBaseMeansNoWait() {
    Backoff none = new Backoff(Duration.ZERO, Duration.ZERO);

    assertThat(none.ceilingNanos(5)).isZero();
    assertThat(none.delayNanos(5)).isZero();
  }

  @Test
  void aCeilingOfOneNanosecondDrawsZeroOrOne() {
    Backoff tiny = new Backoff(Duration.ofNanos(1), Duration.ofNanos(1));
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(tiny.delayNanos(1));
    }

    assertThat(seen).containsExactlyInAnyOrder(0L, 1L);
  }
}
