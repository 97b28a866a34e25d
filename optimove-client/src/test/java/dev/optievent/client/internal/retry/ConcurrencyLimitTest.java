package dev.optievent.client.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.retry.ConcurrencyLimit.Signal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The adaptive limit against endpoint models, a millisecond at a time: each model says how long a
 * request takes with {@code n} in flight, and whether an answer is a 429. Answers come evenly at
 * {@code n / latency} per millisecond (a steady pipe; the benchmarks measure real ones).
 */
class ConcurrencyLimitTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private long now = 1_000 * MS;
  private double due;
  private double over;

  /** An endpoint: latency in ms with {@code n} in flight, and the share of 429s at a send rate. */
  private interface Shape {
    double latencyMs(int n);

    default double shareOverloaded(double sentPerSecond) {
      return 0;
    }
  }

  /** 50 ms whatever the load. */
  private static final Shape FLAT = n -> 50;

  /** 64 workers of 50 ms: past 64, requests queue (capacity 1,280/s). */
  private static final Shape QUEUEING = n -> 50.0 * Math.max(1, n / 64.0);

  /** Latency doubles at 256 in flight while throughput still rises. */
  private static final Shape LOADED = n -> 50 * (1 + (n - 1) / 256.0);

  /** 50 ms, and 429 for whatever is sent past 1,000/s. */
  private static final Shape RATE_LIMITED =
      new Shape() {
        @Override
        public double latencyMs(int n) {
          return 50;
        }

        @Override
        public double shareOverloaded(double sentPerSecond) {
          return Math.max(0, 1 - 1_000 / sentPerSecond);
        }
      };

  /** What {@link #run} saw. */
  private record Run(double deliveredPerSecond, long overloaded, long answers) {}

  private Run run(ConcurrencyLimit l, Shape shape, long millis, boolean backlog) {
    long delivered = 0;
    long overloaded = 0;
    long answers = 0;
    for (long t = 0; t < millis; t++) {
      int n = l.current();
      double latency = shape.latencyMs(n);
      double share = shape.shareOverloaded(n / latency * 1_000);
      due += n / latency;
      while (due >= 1) {
        due--;
        answers++;
        over += share;
        Signal signal = Signal.ANSWERED;
        if (over >= 1) {
          over--;
          overloaded++;
          signal = Signal.OVERLOADED;
        } else {
          delivered++;
        }
        l.onSample(now, (long) (latency * MS), backlog, signal);
      }
      now += MS;
    }
    return new Run(delivered * 1_000.0 / millis, overloaded, answers);
  }

  @Test
  void aFixedLimitNeverMoves() {
    ConcurrencyLimit l = ConcurrencyLimit.fixed(64);
    run(l, RATE_LIMITED, 2_000, true);
    assertThat(l.current()).isEqualTo(64);
  }

  @Test
  void climbsToTheCapWhileMoreInFlightBringsMoreAnswers() {
    ConcurrencyLimit l = new ConcurrencyLimit(256, true);
    assertThat(l.current()).isEqualTo(ConcurrencyLimit.INITIAL_LIMIT);
    run(l, FLAT, 2_000, true);
    assertThat(l.current()).isEqualTo(256);
    Run steady = run(l, FLAT, 10_000, true);
    assertThat(steady.deliveredPerSecond()).isGreaterThan(0.95 * 5_120);
  }

  @Test
  void followsThroughputWhenLatencyRisesWithIt() {
    // The endpoint's latency doubles at 256 in flight: a rule on latency stops there or before;
    // answers per second still rise by more than a quarter of each step's share up to about 700.
    ConcurrencyLimit l = new ConcurrencyLimit(1_000, true);
    run(l, LOADED, 10_000, true);
    assertThat(l.current()).isBetween(400, 1_000);

    ConcurrencyLimit capped = new ConcurrencyLimit(256, true);
    run(capped, LOADED, 5_000, true);
    double best = 256 / LOADED.latencyMs(256) * 1_000;
    assertThat(run(capped, LOADED, 20_000, true).deliveredPerSecond()).isGreaterThan(0.9 * best);
  }

  @Test
  void stopsWhereMoreInFlightOnlyQueues() {
    ConcurrencyLimit l = new ConcurrencyLimit(256, true);
    run(l, QUEUEING, 5_000, true);
    Run steady = run(l, QUEUEING, 20_000, true);
    assertThat(steady.deliveredPerSecond()).isGreaterThan(0.9 * 1_280);
    assertThat(l.current()).isBetween(51, 100); // not 256: that would only make answers slower
  }

  @Test
  void stepsDownWhenTheEndpointLosesCapacity() {
    ConcurrencyLimit l = new ConcurrencyLimit(256, true);
    run(l, QUEUEING, 5_000, true);
    Shape halved = n -> 50.0 * Math.max(1, n / 32.0); // 32 workers now
    run(l, halved, 10_000, true);
    assertThat(l.current()).isBetween(26, 50);
  }

  @Test
  void holdsARateLimiterWithFew429s() {
    ConcurrencyLimit l = new ConcurrencyLimit(256, true);
    run(l, RATE_LIMITED, 5_000, true);
    Run steady = run(l, RATE_LIMITED, 30_000, true);
    assertThat(steady.deliveredPerSecond()).isGreaterThan(900);
    assertThat(steady.overloaded()).isLessThan(steady.answers() / 100);
  }

  @Test
  void doesNotMoveWithoutABacklog() {
    ConcurrencyLimit l = new ConcurrencyLimit(1_000, true);
    run(l, FLAT, 5_000, false);
    assertThat(l.current()).isEqualTo(64);
  }

  @Test
  void anOverloadCutsToWhatTheLastMeasuredDeliveryNeeds() {
    ConcurrencyLimit l = new ConcurrencyLimit(256, true);
    // A round trip and a half to settle, two to measure 1,280 answers/s at 64, then a step up.
    run(l, QUEUEING, 180, true);
    assertThat(l.current()).isEqualTo(80);
    l.onSample(now, 50 * MS, true, Signal.OVERLOADED);
    // 90 % of 1,280/s x 50 ms (the best latency): 57, not 72 (90 % of 80) nor 56 (70 % of 80)
    assertThat(l.current()).isEqualTo(57);
  }

  @Test
  void cutsOncePerRoundTripAndNeverBelowTheFloor() {
    ConcurrencyLimit l = new ConcurrencyLimit(1_000, true);
    run(l, FLAT, 100, true); // learns 50 ms; no window measured yet
    for (int i = 0; i < 10; i++) {
      l.onSample(now, 50 * MS, true, Signal.OVERLOADED); // one burst of 429s: one cut
    }
    assertThat(l.current()).isEqualTo((int) (64 * ConcurrencyLimit.OVERLOAD_FACTOR));
    for (int i = 0; i < 50; i++) {
      now += 50 * MS;
      l.onSample(now, 50 * MS, true, Signal.OVERLOADED);
    }
    assertThat(l.current()).isEqualTo(ConcurrencyLimit.MIN_LIMIT);
  }

  @Test
  void climbsBackWithinSecondsAfterAnOutage() {
    ConcurrencyLimit l = new ConcurrencyLimit(256, true);
    run(l, FLAT, 3_000, true);
    assertThat(l.current()).isEqualTo(256);
    for (int i = 0; i < 40; i++) { // two seconds of timeouts
      now += 50 * MS;
      l.onSample(now, 50 * MS, true, Signal.OVERLOADED);
    }
    assertThat(l.current()).isEqualTo(ConcurrencyLimit.MIN_LIMIT);
    int most = 0;
    for (int i = 0; i < 20; i++) { // two seconds: steps that pay in full grow to doubling
      run(l, FLAT, 100, true);
      most = Math.max(most, l.current());
    }
    assertThat(most).isEqualTo(243); // back to 95 % of where it was cut; past it after 10 s
  }

  @Test
  void aSmallCapIsTheStartAndTheFloor() {
    ConcurrencyLimit l = new ConcurrencyLimit(2, true);
    assertThat(l.current()).isEqualTo(2);
    run(l, RATE_LIMITED, 500, true);
    l.onSample(now, 50 * MS, true, Signal.OVERLOADED);
    assertThat(l.current()).isEqualTo(2);
  }
}
