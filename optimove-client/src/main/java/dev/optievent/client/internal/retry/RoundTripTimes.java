package dev.optievent.client.internal.retry;

import java.util.concurrent.TimeUnit;

/**
 * The endpoint's latency as the adaptive limit needs it: a mean smoothed over about a round trip's
 * answers, and the least seen recently. The least is the least of the current and the previous
 * {@link #WINDOW_NANOS} window, so that a lasting change of the endpoint's base latency is learnt
 * within two windows. Not thread-safe: {@link ConcurrencyLimit} holds its monitor.
 */
final class RoundTripTimes {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

  private long smoothed;
  private long windowStart;
  private long leastThisWindow = Long.MAX_VALUE;
  private long leastLastWindow = Long.MAX_VALUE;

  /**
   * @param nowNanos when the answer came
   * @param rttNanos how long it took
   * @param weight over how many answers the mean is smoothed (about the number in flight)
   */
  void add(long nowNanos, long rttNanos, int weight) {
    if (nowNanos - windowStart > WINDOW_NANOS) {
      windowStart = nowNanos;
      leastLastWindow = leastThisWindow;
      leastThisWindow = Long.MAX_VALUE;
    }
    leastThisWindow = Math.min(leastThisWindow, rttNanos);
    // An exponentially weighted mean: one slow answer (a pause of either side) moves it little, a
    // queue that builds up at the endpoint moves it within a round trip.
    smoothed = smoothed == 0 ? rttNanos : smoothed + (rttNanos - smoothed) / Math.max(10, weight);
  }

  /**
   * @return the smoothed mean, 0 before the first answer
   */
  long smoothed() {
    return smoothed;
  }

  /**
   * @return the least recent latency, 0 before the first answer
   */
  long least() {
    long least = Math.min(leastThisWindow, leastLastWindow);
    return least == Long.MAX_VALUE ? 0 : least;
  }
}
