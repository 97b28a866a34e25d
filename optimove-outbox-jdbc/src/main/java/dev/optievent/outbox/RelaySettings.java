package dev.optievent.outbox;

import java.time.Duration;

/**
 * How a relay claims and gives back rows.
 *
 * @param batchSize the most rows one claim takes
 * @param lease how long a claimed row stays the relay's without renewal: a dead instance's rows
 *     wait this long before another relay takes them
 * @param pollInterval how often the relay looks for due rows when nothing wakes it
 * @param maxAge rows older than this are deleted undelivered, and counted
 * @param retryBase the wait before a returned row is due again, doubled at each return
 * @param retryMax the longest such wait
 */
record RelaySettings(
    int batchSize,
    Duration lease,
    Duration pollInterval,
    Duration maxAge,
    Duration retryBase,
    Duration retryMax) {

  /** The defaults: 100 rows, a one-minute lease, a poll a second, a day's age, 1 s to 5 min. */
  static RelaySettings defaults() {
    return new RelaySettings(
        100,
        Duration.ofMinutes(1),
        Duration.ofSeconds(1),
        Duration.ofDays(1),
        Duration.ofSeconds(1),
        Duration.ofMinutes(5));
  }

  RelaySettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "the outbox batch size is " + batchSize + ", must be >= 1");
    }
    for (Duration d : new Duration[] {lease, pollInterval, maxAge, retryBase, retryMax}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("outbox durations must be positive: " + d);
      }
    }
  }

  /**
   * @param returns how many times the row came back undelivered (1 for the first)
   * @return the wait before it is due again, in milliseconds
   */
  long backoffMillis(int returns) {
    long base = retryBase.toMillis();
    long wait = base << Math.min(Math.max(returns - 1, 0), 20);
    return Math.min(wait, retryMax.toMillis());
  }
}
