package dev.optievent.client.internal.retry;

/**
 * One measuring window of the adaptive limit: how many answers came, from one answer to another,
 * and whether events waited all along. A window where they did not says nothing of what the
 * endpoint can take (the application sent less than the limit allowed), so it is not "clean". Not
 * thread-safe: {@link ConcurrencyLimit} holds its monitor.
 */
final class RateWindow {
  /** The fewest answers a window counts before it may end: fewer say little. */
  static final int MIN_ANSWERS = 8;

  private long start;
  private int answers;
  private boolean clean = true;

  /** Starts a new window at {@code nowNanos} (an answer's time: it belongs to the last window). */
  void restart(long nowNanos) {
    start = nowNanos;
    answers = 0;
    clean = true;
  }

  /**
   * Counts one answer.
   *
   * @param backlog whether events were waiting when it came
   */
  void answer(boolean backlog) {
    answers++;
    clean &= backlog;
  }

  /**
   * @return whether the window has lasted {@code lengthNanos} and counted enough answers
   */
  boolean full(long nowNanos, long lengthNanos) {
    return nowNanos - start >= lengthNanos && answers >= MIN_ANSWERS;
  }

  /**
   * @return whether events waited through the whole window
   */
  boolean clean() {
    return clean;
  }

  /**
   * @return answers per second from its start to {@code nowNanos}
   */
  double rate(long nowNanos) {
    return answers * 1e9 / Math.max(1, nowNanos - start);
  }
}
