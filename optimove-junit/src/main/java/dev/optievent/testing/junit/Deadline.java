package dev.optievent.testing.junit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A point in time that waiting must not pass, and the polling loop that waits for a condition until
 * then. Polls rather than sleeping a fixed time: it returns as soon as the condition holds,
 * checking every millisecond at first and backing off to every 20 ms.
 */
final class Deadline {

  private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(20);

  private final Duration timeout;
  private final long end;

  private Deadline(Duration timeout) {
    this.timeout = timeout;
    this.end = System.nanoTime() + saturatedNanos(timeout);
  }

  static Deadline after(Duration timeout) {
    return new Deadline(timeout);
  }

  /** The whole time allowed, for messages. */
  Duration timeout() {
    return timeout;
  }

  /** Time left, zero once passed. */
  Duration remaining() {
    long left = end - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  boolean passed() {
    return end - System.nanoTime() <= 0;
  }

  /**
   * Reads {@code probe} until {@code done} holds for what it read, or until the deadline (or an
   * interrupt, whose status is kept); returns the last reading either way.
   */
  <T> T poll(Supplier<T> probe, Predicate<? super T> done) {
    long pause = FIRST_PAUSE;
    while (true) {
      T value = probe.get();
      if (done.test(value)) {
        return value;
      }
      long left = end - System.nanoTime();
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        return value;
      }
      LockSupport.parkNanos(Math.min(pause, left));
      pause = Math.min(pause * 2, LONGEST_PAUSE);
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }
}
