package dev.optievent.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the server writes: response body bytes (since start or reset) and the answers still
 * being written (delayed, stalled, dripping, oversized ones). Thread-safe.
 */
final class SentBodies {

  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger inProgress = new AtomicInteger();

  void wrote(long count) {
    bytes.addAndGet(count);
  }

  long bytes() {
    return bytes.get();
  }

  void started() {
    inProgress.incrementAndGet();
  }

  void ended() {
    inProgress.decrementAndGet();
  }

  int inProgress() {
    return inProgress.get();
  }

  void clearBytes() {
    bytes.set(0);
  }
}
