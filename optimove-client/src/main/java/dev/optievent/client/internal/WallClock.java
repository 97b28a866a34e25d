package dev.optievent.client.internal;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The time of day, read from the monotonic clock: an event's timestamp and its acceptance time (for
 * {@code maxEventAge}) come from one clock read instead of two. The offset between the two clocks
 * is taken again whenever a second has passed since it was last taken, so a step of the system
 * clock (a manual change, an NTP step) shows in timestamps within about a second; between steps
 * both clocks are slewed alike. Thread-safe without a lock: racing threads at worst take the offset
 * twice. Internal: not for use outside this library.
 */
public final class WallClock {
  private static final long RESYNC_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Epoch nanoseconds minus {@link System#nanoTime()}, with the time it was taken. */
  private static volatile Offset offset = take();

  private record Offset(long epochMinusMonotonic, long takenAt) {}

  private WallClock() {}

  private static Offset take() {
    long before = System.nanoTime();
    Instant now = Instant.now();
    long after = System.nanoTime();
    long mid = before + (after - before) / 2;
    long epochNanos = now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    return new Offset(epochNanos - mid, mid);
  }

  /**
   * The time of day at {@code nanoTime}, in nanoseconds since the epoch.
   *
   * @param nanoTime a {@link System#nanoTime()} read just now
   * @return nanoseconds since 1970-01-01T00:00Z
   */
  public static long epochNanos(long nanoTime) {
    Offset o = offset;
    if (nanoTime - o.takenAt > RESYNC_NANOS) {
      o = take();
      offset = o;
    }
    return nanoTime + o.epochMinusMonotonic;
  }

  /**
   * The inverse of {@link #epochNanos(long)} through the offset taken last: exactly the {@code
   * nanoTime} it was made from while that offset holds (up to a second), and off by what the system
   * clock stepped or slewed since then otherwise.
   *
   * @param epochNanos from {@link #epochNanos(long)}
   * @return the {@link System#nanoTime()} that corresponds to it
   */
  public static long nanoTimeAt(long epochNanos) {
    return epochNanos - offset.epochMinusMonotonic;
  }

  /**
   * @param epochNanos from {@link #epochNanos(long)}
   * @return its whole seconds since the epoch
   */
  public static long seconds(long epochNanos) {
    return Math.floorDiv(epochNanos, NANOS_PER_SECOND);
  }

  /**
   * @param epochNanos from {@link #epochNanos(long)}
   * @return its nanoseconds within the second
   */
  public static int nanos(long epochNanos) {
    return (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
  }
}
