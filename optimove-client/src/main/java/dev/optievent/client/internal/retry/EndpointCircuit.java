package dev.optievent.client.internal.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether the endpoint is failing as a whole, and the pace of probing it while it is: a circuit
 * breaker, as resilience libraries have, in front of the whole queue rather than one call.
 *
 * <ul>
 *   <li><b>Closed</b>: events go out at the in-flight limit. It opens when {@link #TRIP_FAILURES}
 *       retryable failures came in a row and the endpoint has answered nothing (no delivery, no
 *       rejection) for {@code quietNanos}: one failing request among answered ones trips nothing.
 *   <li><b>Open</b>: nothing is sent until the open interval passes: exponential in the number of
 *       openings since the endpoint last answered (the retry backoff's base and cap, with equal
 *       jitter, so that it never shrinks to a burst), never shorter than a {@code Retry-After}.
 *   <li><b>Half-open</b>: at most {@link #PROBES} requests in flight. The first answer closes the
 *       circuit (everything waiting goes out again at once); a failure opens it again, for longer.
 * </ul>
 *
 * A 429 is neither an answer nor a failure here: the pipeline's pause handles it. Thread-safe:
 * answers take no lock unless they change the state. Internal.
 */
public final class EndpointCircuit {
  /** Failures in a row, with no answer between, that may open the circuit. */
  static final int TRIP_FAILURES = 3;

  /** Requests in flight while half-open. */
  static final int PROBES = 2;

  /** The states. */
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final long quietNanos;
  private final Backoff backoff;

  /** When the endpoint last answered (delivered or rejected an event); read without the lock. */
  private volatile long lastAnswerNanos;

  /**
   * Whether it answered at all: the start counts as an answer for the quiet time, not as one that
   * makes a failure the event's own.
   */
  private volatile boolean answeredOnce;

  private volatile State state = State.CLOSED;

  /** Failures since the last answer; written under the lock, read without it on answers. */
  private volatile int failures;

  // Under the lock.
  private int openings;
  private long openUntil;
  private long failingSinceMillis;

  /**
   * @param quietNanos how long the endpoint must have answered nothing before failures open it
   * @param backoff the open interval's growth (its ceiling per opening)
   * @param nowNanos {@link System#nanoTime()} now: counts as the last answer
   */
  public EndpointCircuit(long quietNanos, Backoff backoff, long nowNanos) {
    this.quietNanos = quietNanos;
    this.backoff = backoff;
    this.lastAnswerNanos = nowNanos;
  }

  /**
   * The endpoint answered a request (delivered or rejected its event).
   *
   * @param nowNanos when
   * @return whether this closed the circuit (it was open or half-open)
   */
  public boolean answered(long nowNanos) {
    lastAnswerNanos = nowNanos;
    if (!answeredOnce) {
      answeredOnce = true;
    }
    if (state == State.CLOSED && failures == 0) {
      return false;
    }
    synchronized (this) {
      boolean reopened = state != State.CLOSED;
      state = State.CLOSED;
      failures = 0;
      openings = 0;
      failingSinceMillis = 0;
      return reopened;
    }
  }

  /**
   * A request failed in a way that may be the endpoint's (refused, reset, timed out, 5xx, 408).
   *
   * @param nowNanos when
   * @param retryAfterNanos the answer's {@code Retry-After}, capped, or 0
   */
  public synchronized void failed(long nowNanos, long retryAfterNanos) {
    failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
    switch (state) {
      case CLOSED -> {
        if (failures >= TRIP_FAILURES && nowNanos - lastAnswerNanos >= quietNanos) {
          failingSinceMillis = System.currentTimeMillis();
          open(nowNanos, retryAfterNanos);
        }
      }
      case HALF_OPEN -> open(nowNanos, retryAfterNanos);
      case OPEN -> {
        if (nowNanos + retryAfterNanos - openUntil > 0) {
          openUntil = nowNanos + retryAfterNanos; // a later Retry-After extends, never shortens
        }
      }
    }
  }

  private void open(long nowNanos, long retryAfterNanos) {
    openings = openings == Integer.MAX_VALUE ? openings : openings + 1;
    long ceiling = backoff.ceilingNanos(openings);
    long half = ceiling / 2;
    long interval =
        half + (ceiling - half <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    openUntil = nowNanos + Math.max(interval, retryAfterNanos);
    state = State.OPEN;
  }

  /**
   * For the sender, before it takes an event: how long nothing may be sent. Once an open interval
   * has passed the circuit is half-open and this is 0.
   *
   * @param nowNanos now
   * @return nanoseconds to wait, 0 if an event may go now
   */
  public synchronized long waitNanos(long nowNanos) {
    if (state != State.OPEN) {
      return 0;
    }
    long left = openUntil - nowNanos;
    if (left > 0) {
      return left;
    }
    state = State.HALF_OPEN;
    return 0;
  }

  /**
   * @param limit the in-flight limit when closed
   * @return the in-flight limit now: {@link #PROBES} (or {@code limit}, if lower) unless closed
   */
  public int inFlightLimit(int limit) {
    return state == State.CLOSED ? limit : Math.min(limit, PROBES);
  }

  /**
   * @return whether the circuit is open or half-open: the endpoint is failing
   */
  public boolean failing() {
    return state != State.CLOSED;
  }

  /**
   * @return whether it is half-open: the next events taken are probes
   */
  public boolean probing() {
    return state == State.HALF_OPEN;
  }

  /**
   * @param sinceNanos a {@link System#nanoTime()}
   * @return whether the endpoint answered a request at or after that time (never before the first
   *     answer)
   */
  public boolean answeredSince(long sinceNanos) {
    return answeredOnce && lastAnswerNanos - sinceNanos >= 0;
  }

  /**
   * @return the wall-clock time (epoch millis) when the endpoint started failing, 0 if it is not
   */
  synchronized long failingSinceMillis() {
    return state == State.CLOSED ? 0 : failingSinceMillis;
  }

  /**
   * @return the state, for tests
   */
  State state() {
    return state;
  }
}
