package dev.optievent.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WallClockTest {

  @Test
  void readsTheTimeOfDayFromTheMonotonicClock() {
    Instant before = Instant.now();
    long epochNanos = WallClock.epochNanos(System.nanoTime());
    Instant after = Instant.now();

    Instant read =
        Instant.ofEpochSecond(WallClock.seconds(epochNanos), WallClock.nanos(epochNanos));
    // Within a millisecond of the system clock's own reads around it (the offset's own error).
    assertThat(read)
        .isBetween(before.minus(Duration.ofMillis(1)), after.plus(Duration.ofMillis(1)));
  }

  @Test
  void aReadLaterOnTheMonotonicClockIsAsMuchLaterOnTheWallClock() {
    long now = System.nanoTime();
    long first = WallClock.epochNanos(now);
    // A read two seconds "later" on the monotonic clock is two seconds later on the wall clock,
    // give or take the fresh offset's error.
    long later = WallClock.epochNanos(now + 2_000_000_000L);
    assertThat(later - first).isBetween(1_990_000_000L, 2_010_000_000L);
  }

  @Test
  void splitsIntoSecondsAndNanosecondsAlsoBeforeTheEpoch() {
    assertThat(WallClock.seconds(1_500_000_000L)).isEqualTo(1);
    assertThat(WallClock.nanos(1_500_000_000L)).isEqualTo(500_000_000);
    assertThat(WallClock.seconds(-1L)).isEqualTo(-1);
    assertThat(WallClock.nanos(-1L)).isEqualTo(999_999_999);
  }
}
