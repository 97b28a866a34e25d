package dev.optievent.client.internal.retry;

import dev.optievent.client.internal.Durations;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1 for the first retry) wait a
 * random time between 0 and {@code min(max, base * 2^(n-1))}. Thread-safe. Internal.
 */
public final class Backoff {
  private final long baseNanos;
  private final long maxNanos;

  /**
   * @param base the first retry's upper bound
   * @param max the largest upper bound
   */
  public Backoff(Duration base, Duration max) {
    this.baseNanos = Durations.toNanosSaturated(base);
    this.maxNanos = Durations.toNanosSaturated(max);
  }

  /**
   * The upper bound before retry {@code retry}.
   *
   * @param retry 1 for the first retry
   * @return the bound in nanoseconds
   */
  public long ceilingNanos(int retry) {
    int shift = Math.max(0, Math.min(retry - 1, 62));
    long ceiling = baseNanos;
    if (shift > 0) {
      ceiling = baseNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseNanos << shift;
    }
    return Math.min(maxNanos, ceiling);
  }

  /**
   * A random delay before retry {@code retry}.
   *
   * @param retry 1 for the first retry
   * @return the delay in nanoseconds, between 0 and {@link #ceilingNanos(int)}
   */
  public long delayNanos(int retry) {
    long ceiling = ceilingNanos(retry);
    return ceiling <= 0
        ? 0
        : ThreadLocalRandom.current().nextLong(ceiling == Long.MAX_VALUE ? ceiling : ceiling + 1);
  }
}
