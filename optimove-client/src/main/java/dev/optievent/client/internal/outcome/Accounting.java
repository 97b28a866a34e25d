package dev.optievent.client.internal.outcome;

import dev.optievent.client.ClientStats;
import dev.optievent.client.internal.DeliveryObserver.Outcome;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client's counters, lock-free for the callers of {@code send()}.
 *
 * <p>Every event is counted accepted before it is counted settled (delivered, rejected or dropped).
 * A {@link #snapshot()} reads all settled counters first and {@code accepted} last, and derives
 * {@code pending = accepted - settled}: whatever happens concurrently, every settled event it sees
 * was accepted before, so pending is never negative and {@code accepted == delivered + rejected +
 * dropped + pending} holds in every snapshot by construction; the totals are the sums of the
 * per-reason maps, so they agree with them too.
 *
 * <p>The first count of a reason tells the {@link Observation} (metrics register its counter then);
 * every later count of it is the lock-free path it always was. Internal.
 */
public final class Accounting {
  private final Observation observation;
  private final LongAdder accepted = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder rolledBack = new LongAdder();
  private final LongAdder returned = new LongAdder();
  private final LongAdder skippedNotifications = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> dropped = new ConcurrentHashMap<>();

  /** Counters nobody observes (for tests). */
  public Accounting() {
    this(new Observation());
  }

  /**
   * @param observation told when a reason is counted for the first time
   */
  public Accounting(Observation observation) {
    this.observation = observation;
  }

  /** Counts one accepted event; must come before its outcome is counted. */
  public void accepted() {
    accepted.increment();
  }

  /** Counts one delivered event. */
  public void delivered() {
    delivered.increment();
  }

  /**
   * Counts one rejected event.
   *
   * @param reason the reason code
   */
  public void rejected(String reason) {
    counter(rejected, reason, Outcome.REJECTED).increment();
  }

  /**
   * Counts one dropped event.
   *
   * @param reason the reason code
   */
  public void dropped(String reason) {
    counter(dropped, reason, Outcome.DROPPED).increment();
  }

  /** Counts one event not sent because its transaction rolled back: not accepted, not settled. */
  public void rolledBack() {
    rolledBack.increment();
  }

  /**
   * @return events not sent because their transaction rolled back
   */
  public long rolledBackCount() {
    return rolledBack.sum();
  }

  /** Counts one event given back, undelivered, to the store outside the client that keeps it. */
  public void returned() {
    returned.increment();
  }

  /**
   * @return events given back to their store so far
   */
  public long returnedCount() {
    return returned.sum();
  }

  /** Counts one retry attempt. */
  public void retried() {
    retries.increment();
  }

  /** Counts one listener notification that was skipped because the listener fell behind. */
  public void skippedNotification() {
    skippedNotifications.increment();
  }

  /**
   * @return listener notifications skipped so far
   */
  public long skippedNotifications() {
    return skippedNotifications.sum();
  }

  private LongAdder counter(
      ConcurrentHashMap<String, LongAdder> map, String reason, Outcome outcome) {
    Last last = map == dropped ? lastDropped : lastRejected;
    if (last != null && last.reason == reason) {
      return last.counter; // the same reason again (say, queue_full through an outage)
    }
    LongAdder c = map.get(reason);
    if (c == null) {
      c = firstOf(map, reason, outcome);
    }
    if (map == dropped) {
      lastDropped = new Last(reason, c);
    } else {
      lastRejected = new Last(reason, c);
    }
    return c;
  }

  /** The counter of the reason counted last, found by reference instead of a map lookup. */
  private record Last(String reason, LongAdder counter) {}

  private volatile Last lastDropped;
  private volatile Last lastRejected;

  /**
   * A reason's first count: its counter is added, and whoever added it tells the observers, outside
   * the map's lock (an observer that registers a meter must not run inside {@code
   * computeIfAbsent}). The count itself comes after: an observer reading the counter sees it at
   * zero or more, never a count that is not in a snapshot.
   */
  private LongAdder firstOf(
      ConcurrentHashMap<String, LongAdder> map, String reason, Outcome outcome) {
    LongAdder fresh = new LongAdder();
    LongAdder raced = map.putIfAbsent(reason, fresh);
    if (raced != null) {
      return raced;
    }
    observation.reasonAppeared(outcome, reason);
    return fresh;
  }

  /**
   * @return events accepted so far
   */
  public long acceptedCount() {
    return accepted.sum();
  }

  /**
   * @return events delivered so far
   */
  public long deliveredCount() {
    return delivered.sum();
  }

  /**
   * @return retry attempts so far
   */
  public long retriesCount() {
    return retries.sum();
  }

  /**
   * @param reason a reason code
   * @return events rejected with it so far
   */
  public long rejectedCount(String reason) {
    return read(rejected, reason);
  }

  /**
   * @param reason a reason code
   * @return events dropped with it so far
   */
  public long droppedCount(String reason) {
    return read(dropped, reason);
  }

  /**
   * @return the reasons rejected events were counted with so far (a copy)
   */
  public Set<String> rejectedReasons() {
    return Set.copyOf(rejected.keySet());
  }

  /**
   * @return the reasons dropped events were counted with so far (a copy)
   */
  public Set<String> droppedReasons() {
    return Set.copyOf(dropped.keySet());
  }

  /**
   * Accepted events not settled yet, read in the snapshot's order (settled first, accepted last) so
   * that it is never negative; without building a snapshot's maps.
   *
   * @return the pending count
   */
  public long pending() {
    long settled = delivered.sum() + sumOf(rejected) + sumOf(dropped) + returned.sum();
    return accepted.sum() - settled;
  }

  private static long read(ConcurrentHashMap<String, LongAdder> map, String reason) {
    LongAdder c = map.get(reason);
    return c == null ? 0 : c.sum();
  }

  private static long sumOf(ConcurrentHashMap<String, LongAdder> map) {
    long t = 0;
    for (LongAdder c : map.values()) {
      t += c.sum();
    }
    return t;
  }

  /**
   * A consistent snapshot; see the class comment.
   *
   * @return the snapshot
   */
  public ClientStats snapshot() {
    long d = delivered.sum();
    long back = returned.sum();
    Map<String, Long> r = sums(rejected);
    Map<String, Long> x = sums(dropped);
    long rTotal = total(r);
    long xTotal = total(x);
    long retried = retries.sum();
    long a = accepted.sum(); // last: see the class comment
    long pending = a - d - rTotal - xTotal - back;
    return new ClientStats(
        a, d, rTotal, xTotal, pending, retried, x, r, 0, 0, rolledBack.sum(), back);
  }

  private static Map<String, Long> sums(ConcurrentHashMap<String, LongAdder> map) {
    Map<String, Long> out = new HashMap<>();
    map.forEach(
        (k, v) -> {
          long n = v.sum();
          if (n != 0) {
            out.put(k, n);
          }
        });
    return out;
  }

  private static long total(Map<String, Long> map) {
    long t = 0;
    for (long v : map.values()) {
      t += v;
    }
    return t;
  }
}
