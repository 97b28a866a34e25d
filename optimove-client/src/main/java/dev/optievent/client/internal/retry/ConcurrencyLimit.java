package dev.optievent.client.internal.retry;

import java.util.concurrent.TimeUnit;

/**
 * How many requests may be in flight now: fixed at {@code maxInFlight}, or, when adaptive, a limit
 * that grows while events wait and the endpoint's latency holds, and shrinks when the endpoint
 * pushes back. The rules are TCP's congestion control, with latency as the early signal (as in TCP
 * Vegas and Netflix's {@code concurrency-limits}):
 *
 * <ul>
 *   <li><b>Grow</b> only while a backlog waits and the pipe is in use (at least half the limit in
 *       flight when the request started), and the request's latency is within {@link
 *       #LATENCY_TOLERANCE} of the best recent latency: by one per answer below the slow-start
 *       threshold (doubling per round trip), by one per round trip above it.
 *   <li><b>Cut to {@link #OVERLOAD_FACTOR}</b> on overload: a 429, a 5xx that is retried, a timeout
 *       or a failed connection. The slow-start threshold falls with every decrease, so regrowth is
 *       careful.
 *   <li><b>Shrink by a tenth</b> when the smoothed latency rises past the tolerance: the endpoint
 *       queues what it cannot serve, which is the first sign of its limit.
 * </ul>
 *
 * At most one decrease per smoothed round trip (the answers of one burst carry one signal, not one
 * each), never below {@link #MIN_LIMIT} (or {@code maxInFlight} if that is smaller), never above
 * {@code maxInFlight}. The best recent latency is the least seen in the current and the previous
 * {@link #WINDOW_NANOS} window, so a lasting change of the endpoint's base latency is learnt within
 * two windows. Samples arrive from request threads ({@code synchronized}); the sender reads {@link
 * #current()} without a lock. Internal.
 */
public final class ConcurrencyLimit {

  /** Latency up to this multiple of the best recent one still "holds". */
  static final double LATENCY_TOLERANCE = 2.0;

  /** Added to the tolerance, so that loopback jitter of a millisecond is not taken for a queue. */
  private static final long LATENCY_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /**
   * What an overload signal multiplies the limit by. TCP halves; a 429 also pauses every send here,
   * which already relieves the endpoint, so a gentler cut keeps the pipe fuller (as Netflix's AIMD
   * limit does with 0.9).
   */
  static final double OVERLOAD_FACTOR = 0.7;

  /** The least the adaptive limit falls to (unless maxInFlight is smaller). */
  static final int MIN_LIMIT = 4;

  /** Where the adaptive limit starts (unless maxInFlight is smaller). */
  static final int INITIAL_LIMIT = 64;

  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long MIN_DECREASE_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** What one answer said about the endpoint's load. */
  public enum Signal {
    /** Answered (delivered or rejected): its latency is a sample. */
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
  private double estimate;
  private double slowStartThreshold;
  private long smoothedRttNanos;
  private long windowStartNanos;
  private long bestRttThisWindow = Long.MAX_VALUE;
  private long bestRttLastWindow = Long.MAX_VALUE;
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
    int initial = adaptive ? Math.min(INITIAL_LIMIT, maxInFlight) : maxInFlight;
    this.limit = initial;
    this.estimate = initial;
    this.slowStartThreshold = maxInFlight;
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
   * @param inFlightAtStart requests in flight when it started, itself included
   * @param backlog whether events were waiting to be sent when it ended
   * @param signal what the answer said
   */
  public void onSample(
      long nowNanos, long rttNanos, int inFlightAtStart, boolean backlog, Signal signal) {
    if (adaptive && signal != Signal.NONE) { // else without the monitor: hundreds may end at once
      learn(nowNanos, rttNanos, inFlightAtStart, backlog, signal);
    }
  }

  private synchronized void learn(
      long nowNanos, long rttNanos, int inFlightAtStart, boolean backlog, Signal signal) {
    if (signal == Signal.OVERLOADED) {
      decrease(nowNanos, OVERLOAD_FACTOR);
      return;
    }
    learnLatency(nowNanos, rttNanos);
    long best = Math.min(bestRttThisWindow, bestRttLastWindow);
    long tolerated = (long) (best * LATENCY_TOLERANCE) + LATENCY_SLACK_NANOS;
    if (smoothedRttNanos > tolerated) {
      decrease(nowNanos, 0.9);
    } else if (backlog && inFlightAtStart * 2 >= limit && rttNanos <= tolerated) {
      estimate += estimate < slowStartThreshold ? 1.0 : 1.0 / estimate;
      publish();
    }
  }

  private void learnLatency(long nowNanos, long rttNanos) {
    if (nowNanos - windowStartNanos > WINDOW_NANOS) {
      windowStartNanos = nowNanos;
      bestRttLastWindow = bestRttThisWindow;
      bestRttThisWindow = Long.MAX_VALUE;
    }
    bestRttThisWindow = Math.min(bestRttThisWindow, rttNanos);
    // An exponentially weighted mean over about one round trip's answers (as many as the limit, at
    // least ten): one slow answer (a pause of either side) moves it little, a queue that builds up
    // at the endpoint moves it within a round trip.
    long weight = Math.max(10, limit);
    smoothedRttNanos =
        smoothedRttNanos == 0
            ? rttNanos
            : smoothedRttNanos + (rttNanos - smoothedRttNanos) / weight;
  }

  private void decrease(long nowNanos, double factor) {
    long gap = Math.max(smoothedRttNanos, MIN_DECREASE_GAP_NANOS);
    if (decreasedOnce && nowNanos - lastDecreaseNanos < gap) {
      return; // one signal per round trip
    }
    decreasedOnce = true;
    lastDecreaseNanos = nowNanos;
    estimate = Math.max(min, Math.min(estimate, limit) * factor);
    slowStartThreshold = estimate; // from here on, grow by one per round trip
    publish();
  }

  private void publish() {
    estimate = Math.min(max, Math.max(min, estimate));
    limit = (int) estimate;
  }
}
