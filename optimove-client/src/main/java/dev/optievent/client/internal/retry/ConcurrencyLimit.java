package dev.optievent.client.internal.retry;

import java.util.concurrent.TimeUnit;

/**
 * How many requests may be in flight now: fixed at {@code maxInFlight}, or, when adaptive, a limit
 * that follows what the endpoint delivers. It climbs the curve of delivered answers per second
 * against requests in flight, and stops where more in flight no longer buys more answers: the rule
 * of Netflix's {@code concurrency-limits} and of TCP Vegas is on latency, which a server whose
 * latency rises with load while its throughput keeps rising misleads (it queues <em>and</em> serves
 * more); TCP BBR probes for throughput and latency separately, and so does this.
 *
 * <ul>
 *   <li><b>Probe.</b> While events wait, it measures the answers per second at the limit it holds
 *       (over two smoothed round trips), then tries a step up ({@value #FIRST_STEP}x, larger after
 *       steps that paid in full, up to {@value #MAX_STEP}x) or down ({@value #DOWN_STEP}x), waits a
 *       round trip and a half for the change to reach the endpoint, and measures again.
 *   <li><b>Keep or go back.</b> A step up is kept when the answers per second rose by at least
 *       {@value #ELASTICITY} of the step's share (25 % more in flight, at least 6.25 % more
 *       answers); a step down is kept when they fell by less than that: the same delivery with
 *       fewer requests waiting at the endpoint. A kept step is followed by another the same way; a
 *       step undone turns the next probe the other way, after a wait that doubles up to {@value
 *       #MAX_WAIT} measuring windows.
 *   <li><b>Overload</b> (a 429, a retried 5xx, a timeout, a failed connection) cuts the limit at
 *       once to what the last measured delivery needs at the best recent latency (90 % of answers/s
 *       times seconds), between half and 90 % of the limit; without a measure since the last cut
 *       (an outage), to {@value #OVERLOAD_FACTOR}x. After a cut that had a measure, no probe goes
 *       past 95 % of the limit that was cut for {@code 10 s}, so that a rate limiter is not probed
 *       into 429s again and again (an outage's later cuts leave that ceiling where it was). At most
 *       one cut per smoothed round trip: the answers of one burst carry one signal, not one each.
 * </ul>
 *
 * Windows in which events did not wait all along say nothing of the endpoint and are not judged.
 * Never below {@link #MIN_LIMIT} (or {@code maxInFlight} if that is smaller), never above {@code
 * maxInFlight}. Samples arrive from request threads ({@code synchronized}); the sender reads {@link
 * #current()} without a lock. Internal.
 */
public final class ConcurrencyLimit {

  /** A step is worth its requests when answers/s change by at least this share of its size. */
  static final double ELASTICITY = 0.25;

  /** The first step up; after a step that paid in full the next one is twice as large. */
  static final double FIRST_STEP = 1.25;

  /** The largest step up: twice the limit. */
  static final double MAX_STEP = 2.0;

  /** A step down. */
  static final double DOWN_STEP = 0.8;

  /** The most measuring windows between probes, after probes that were undone. */
  static final int MAX_WAIT = 8;

  /** What an overload multiplies the limit by when no fresh measure says better. */
  static final double OVERLOAD_FACTOR = 0.7;

  /** The least the adaptive limit falls to (unless maxInFlight is smaller). */
  static final int MIN_LIMIT = 4;

  /** Where the adaptive limit starts (unless maxInFlight is smaller). */
  static final int INITIAL_LIMIT = 64;

  private static final long MIN_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final long MIN_DECREASE_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long CEILING_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** What one answer said about the endpoint's load. */
  public enum Signal {
    /** Answered (delivered or rejected): it counts, and its latency is a sample. */
    ANSWERED,
    /** Pushed back: 429, a retried 5xx, a timeout, a failed connection. */
    OVERLOADED,
    /** Says nothing of the endpoint's load (say, a request the client itself failed to build). */
    NONE
  }

  private final boolean adaptive;
  private final int max;
  private final int min;

  private volatile int limit;

  // Under this object's monitor:
  private final RoundTripTimes latency = new RoundTripTimes();
  private final RateWindow window = new RateWindow();
  private int base;
  private double baseRate = Double.NaN;
  private double lastRate = Double.NaN;
  private boolean settling = true;
  private boolean probeDown;
  private double step = FIRST_STEP;
  private int wait = 1;
  private int windowsBeforeProbe = 1;
  private int ceiling = Integer.MAX_VALUE; // after an overload, for CEILING_NANOS
  private long ceilingUntil;
  private long lastDecreaseNanos;
  private boolean decreasedOnce;

  /**
   * @param maxInFlight the hard cap
   * @param adaptive whether the limit adapts, or stays at the cap
   */
  public ConcurrencyLimit(int maxInFlight, boolean adaptive) {
    this.adaptive = adaptive;
    this.max = maxInFlight;
    this.min = Math.min(MIN_LIMIT, maxInFlight);
    this.base = adaptive ? Math.min(INITIAL_LIMIT, maxInFlight) : maxInFlight;
    this.limit = base;
  }

  /** A fixed limit. */
  public static ConcurrencyLimit fixed(int maxInFlight) {
    return new ConcurrencyLimit(maxInFlight, false);
  }

  /**
   * @return requests that may be in flight now
   */
  public int current() {
    return limit;
  }

  /**
   * Learns from one finished exchange.
   *
   * @param nowNanos {@link System#nanoTime()} at its end
   * @param rttNanos how long it took
   * @param backlog whether events were waiting to be sent when it ended
   * @param signal what the answer said
   */
  public void onSample(long nowNanos, long rttNanos, boolean backlog, Signal signal) {
    if (adaptive && signal != Signal.NONE) { // else without the monitor: hundreds may end at once
      learn(nowNanos, rttNanos, backlog, signal);
    }
  }

  private synchronized void learn(long nowNanos, long rttNanos, boolean backlog, Signal signal) {
    if (signal == Signal.OVERLOADED) {
      overload(nowNanos);
      return;
    }
    latency.add(nowNanos, rttNanos, limit);
    window.answer(backlog);
    long smoothed = latency.smoothed();
    long length =
        settling
            ? Math.max(smoothed + smoothed / 2, MIN_WINDOW_NANOS / 2)
            : Math.max(2 * smoothed, MIN_WINDOW_NANOS);
    if (!window.full(nowNanos, length)) {
      return;
    }
    double rate = window.rate(nowNanos);
    boolean clean = window.clean();
    window.restart(nowNanos);
    if (settling) {
      settling = false; // the change has reached the endpoint: measure from here
    } else if (!clean) {
      settle(base); // the application sent less than the limit allowed: nothing to judge
    } else if (limit == base) {
      lastRate = baseRate = rate;
      if (--windowsBeforeProbe <= 0) {
        probe(nowNanos);
      }
    } else {
      lastRate = rate;
      judge(nowNanos, rate);
    }
  }

  /**
   * Tries a step the way {@link #probeDown} says, or, if that way is shut, waits to try the other.
   */
  private void probe(long nowNanos) {
    if (ceiling != Integer.MAX_VALUE && nowNanos - ceilingUntil > 0) {
      ceiling = Integer.MAX_VALUE; // lapsed
    }
    int cap = Math.min(max, ceiling);
    if (!probeDown && base < cap) {
      settle(Math.min(cap, Math.max(base + 1, (int) Math.ceil(base * step))));
    } else if (probeDown && base > min) {
      settle(Math.max(min, Math.min(base - 1, (int) (base * DOWN_STEP))));
    } else {
      probeDown = !probeDown;
      windowsBeforeProbe = wait;
    }
  }

  private void judge(long nowNanos, double rate) {
    double size = (double) limit / base - 1;
    double elasticity = (rate / baseRate - 1) / size;
    boolean up = size > 0;
    if (up == elasticity >= ELASTICITY) { // up and it paid, or down and little was lost: keep it
      step = up && elasticity >= 0.75 ? Math.min(MAX_STEP, 1 + (step - 1) * 2) : FIRST_STEP;
      base = limit;
      baseRate = rate;
      wait = 1;
      probe(nowNanos);
    } else {
      step = FIRST_STEP;
      probeDown = up;
      windowsBeforeProbe = wait;
      wait = Math.min(MAX_WAIT, wait * 2);
      settle(base);
    }
  }

  private void overload(long nowNanos) {
    long gap = Math.max(latency.smoothed(), MIN_DECREASE_GAP_NANOS);
    if (decreasedOnce && nowNanos - lastDecreaseNanos < gap) {
      return; // one signal per round trip
    }
    decreasedOnce = true;
    lastDecreaseNanos = nowNanos;
    int from = limit;
    int to;
    if (Double.isNaN(lastRate)) {
      to = (int) (from * OVERLOAD_FACTOR); // no answers measured since the last cut: an outage
    } else {
      double needed = 0.9 * lastRate * latency.least() / 1e9;
      to = (int) Math.max(from * 0.5, Math.min(from * 0.9, needed));
      // Only where the endpoint was answering: after an outage the ceiling stays where it was.
      ceiling = Math.max(min, (int) (Math.max(from, base) * 0.95)); // from may be a step down
      ceilingUntil = nowNanos + CEILING_NANOS;
    }
    base = Math.max(min, to);
    baseRate = Double.NaN;
    lastRate = Double.NaN;
    step = FIRST_STEP;
    probeDown = false;
    wait = 1;
    windowsBeforeProbe = 1;
    settle(base);
    window.restart(nowNanos);
  }

  /** Holds {@code value} from now, and lets a round trip and a half pass before measuring it. */
  private void settle(int value) {
    limit = Math.min(max, Math.max(min, value));
    settling = true;
  }
}
