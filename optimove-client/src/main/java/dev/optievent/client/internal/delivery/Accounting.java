package dev.optievent.client.internal.delivery;

import dev.optievent.client.ClientStats;
import java.util.HashMap;
import java.util.Map;
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
 * per-reason maps, so they agree with them too. Internal.
 */
public final class Accounting {
  private final LongAdder accepted = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder skippedNotifications = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> dropped = new ConcurrentHashMap<>();

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
    counter(rejected, reason).increment();
  }

  /**
   * Counts one dropped event.
   *
   * @param reason the reason code
   */
  public void dropped(String reason) {
    counter(dropped, reason).increment();
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

  private static LongAdder counter(ConcurrentHashMap<String, LongAdder> map, String reason) {
    LongAdder c = map.get(reason);
    return c != null ? c : map.computeIfAbsent(reason, k -> new LongAdder());
  }

  /**
   * A consistent snapshot; see the class comment.
   *
   * @return the snapshot
   */
  public ClientStats snapshot() {
    long d = delivered.sum();
    Map<String, Long> r = sums(rejected);
    Map<String, Long> x = sums(dropped);
    long rTotal = total(r);
    long xTotal = total(x);
    long retried = retries.sum();
    long a = accepted.sum(); // last: see the class comment
    long pending = a - d - rTotal - xTotal;
    return new ClientStats(a, d, rTotal, xTotal, pending, retried, x, r);
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
