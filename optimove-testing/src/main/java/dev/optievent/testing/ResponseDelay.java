package dev.optievent.testing;

import java.time.Duration;
import java.util.Objects;

/** The server-wide delay before every answer; changeable while the server runs. Thread-safe. */
final class ResponseDelay {

  private volatile long nanos;

  ResponseDelay(Duration initial) {
    set(initial);
  }

  void set(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Negative response delay: " + delay);
    }
    nanos = delay.toNanos();
  }

  long nanos() {
    return nanos;
  }
}
