package dev.optievent.client.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.retry.ConcurrencyLimit.Signal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private long now = 1_000 * MS;

  /** One answer per in-flight request, each taking {@code rttMs}: a round trip's worth. */
  private void roundTrip(ConcurrencyLimit l, long rttMs, boolean backlog, Signal signal) {
    int n = l.current();
    for (int i = 0; i < n; i++) {
      l.onSample(now, rttMs * MS, n, backlog, signal);
    }
    now += rttMs * MS;
  }

  @Test
  void aFixedLimitNeverMoves() {
    ConcurrencyLimit l = ConcurrencyLimit.fixed(64);
    roundTrip(l, 50, true, Signal.ANSWERED);
    roundTrip(l, 50, true, Signal.OVERLOADED);
    assertThat(l.current()).isEqualTo(64);
  }

  @Test
  void startsAt64AndDoublesPerRoundTripWhileABacklogWaitsAndLatencyHolds() {
    ConcurrencyLimit l = new ConcurrencyLimit(1_000, true);
    assertThat(l.current()).isEqualTo(ConcurrencyLimit.INITIAL_LIMIT);
    roundTrip(l, 50, true, Signal.ANSWERED);
    assertThat(l.current()).isEqualTo(128);
    roundTrip(l, 50, true, Signal.ANSWERED);
    assertThat(l.current()).isEqualTo(256);
    for (int i = 0; i < 5; i++) {
      roundTrip(l, 50, true, Signal.ANSWERED);
    }
    assertThat(l.current()).isEqualTo(1_000); // the cap
  }

  @Test
  void doesNotGrowWithoutABacklogOrWhenThePipeIsMostlyIdle() {
    ConcurrencyLimit l = new ConcurrencyLimit(1_000, true);
    roundTrip(l, 50, false, Signal.ANSWERED);
    assertThat(l.current()).isEqualTo(64);
    for (int i = 0; i < 100; i++) {
      l.onSample(now, 50 * MS, 10, true, Signal.ANSWERED); // 10 in flight of 64: app-limited
    }
    assertThat(l.current()).isEqualTo(64);
  }

  @Test
  void cutsOncePerRoundTripOnOverloadThenGrowsByOnePerRoundTrip() {
    ConcurrencyLimit l = new ConcurrencyLimit(1_000, true);
    roundTrip(l, 50, true, Signal.ANSWERED); // 128; smoothed latency 50 ms
    roundTrip(l, 50, true, Signal.OVERLOADED); // 128 429s in one round trip: one cut
    assertThat(l.current()).isEqualTo((int) (128 * ConcurrencyLimit.OVERLOAD_FACTOR)); // 89
    roundTrip(l, 50, true, Signal.OVERLOADED);
    assertThat(l.current()).isEqualTo(62); // 89.6 * 0.7
    for (int i = 0; i < 3; i++) {
      roundTrip(l, 50, true, Signal.ANSWERED);
    }
    // Congestion avoidance: about one more per round trip (1/limit per answer), not doubling.
    assertThat(l.current()).isEqualTo(65);
  }

  @Test
  void oneSlowAnswerAmongARoundTripsWorthDoesNotShrinkIt() {
    ConcurrencyLimit l = new ConcurrencyLimit(1_000, true);
    roundTrip(l, 50, false, Signal.ANSWERED); // learns 50 ms
    int before = l.current();
    l.onSample(now, 500 * MS, before, true, Signal.ANSWERED); // a pause of 450 ms, once
    roundTrip(l, 50, false, Signal.ANSWERED);
    assertThat(l.current()).isEqualTo(before);
  }

  @Test
  void shrinksWhenLatencyRisesPastTheToleranceAndNeverBelowTheFloor() {
    ConcurrencyLimit l = new ConcurrencyLimit(1_000, true);
    roundTrip(l, 50, false, Signal.ANSWERED); // learns 50 ms as the best latency
    int before = l.current();
    for (int i = 0; i < 10; i++) {
      roundTrip(l, 200, true, Signal.ANSWERED); // the endpoint queues: 4x the latency
    }
    assertThat(l.current()).isLessThan(before);
    for (int i = 0; i < 200; i++) {
      roundTrip(l, 1_000, true, Signal.OVERLOADED);
    }
    assertThat(l.current()).isEqualTo(ConcurrencyLimit.MIN_LIMIT);
  }

  @Test
  void aSmallCapIsTheStartAndTheFloor() {
    ConcurrencyLimit l = new ConcurrencyLimit(2, true);
    assertThat(l.current()).isEqualTo(2);
    roundTrip(l, 50, true, Signal.OVERLOADED);
    roundTrip(l, 50, true, Signal.OVERLOADED);
    assertThat(l.current()).isEqualTo(2);
  }
}
