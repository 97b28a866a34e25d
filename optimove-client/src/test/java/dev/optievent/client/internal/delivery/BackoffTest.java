package dev.optievent.client.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

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
}
