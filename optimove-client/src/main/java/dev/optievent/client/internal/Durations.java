package dev.optievent.client.internal;

import java.time.Duration;

/** Durations as nanoseconds that can be added to {@link System#nanoTime()}. Internal. */
public final class Durations {

  /** About 73 years: far beyond any setting, and far from overflow when added to a nanoTime. */
  public static final long MAX_NANOS = Long.MAX_VALUE / 4;

  private Durations() {}

  /**
   * The duration in nanoseconds, capped at {@link #MAX_NANOS} (so that {@code nanoTime() + it}
   * never overflows); a negative duration counts as zero.
   *
   * @param d the duration
   * @return nanoseconds between 0 and {@link #MAX_NANOS}
   */
  public static long toNanosSaturated(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    if (d.getSeconds() >= MAX_NANOS / 1_000_000_000L) {
      return MAX_NANOS;
    }
    return Math.min(MAX_NANOS, d.toNanos());
  }
}
