package dev.optievent.client.internal.outcome;

import dev.optievent.client.internal.DeliveryObserver;
import dev.optievent.client.internal.DeliveryObserver.Outcome;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.OnceLogger;
import dev.optievent.client.internal.queue.Delivery;
import dev.optievent.client.internal.retry.ResponseClassifier;
import dev.optievent.client.internal.retry.Verdict;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a client's {@link DeliveryObserver}s are kept and called. While none is registered each
 * hook is one read of a volatile field and a null check, and computes nothing (no clock read): the
 * hooks on a path a calling thread takes must cost it nothing more. An observer that throws is
 * logged once per exception type and ignored; it never reaches the thread it was called on, nor the
 * other observers. Internal.
 */
public final class Observation {
  private static final Logger LOG = LoggerFactory.getLogger(Observation.class);

  private final OnceLogger once = new OnceLogger(LOG);

  /** {@code null} while nobody observes: the hooks' fast path. Replaced whole, never changed. */
  private volatile DeliveryObserver[] observers;

  /**
   * Adds an observer; those registered before stay.
   *
   * @param observer the observer
   */
  public synchronized void add(DeliveryObserver observer) {
    Objects.requireNonNull(observer, "observer");
    DeliveryObserver[] current = observers;
    if (current == null) {
      observers = new DeliveryObserver[] {observer};
    } else {
      DeliveryObserver[] more = Arrays.copyOf(current, current.length + 1);
      more[current.length] = observer;
      observers = more;
    }
  }

  /** A reason was counted for the first time (on any thread, a calling thread included). */
  void reasonAppeared(Outcome outcome, String reason) {
    DeliveryObserver[] all = observers;
    if (all == null) {
      return;
    }
    for (DeliveryObserver o : all) {
      try {
        o.reasonAppeared(outcome, reason);
      } catch (Throwable t) {
        failed(o, t);
      }
    }
  }

  /** An exchange ended with verdict {@code v}; on a request thread. */
  public void exchange(Verdict v, Delivery d, long startNanos) {
    DeliveryObserver[] all = observers;
    if (all == null) {
      return;
    }
    long nanos = System.nanoTime() - startNanos;
    boolean timedOut = v.status() == 0 && ResponseClassifier.TIMEOUT.equals(v.reason());
    String key = d.eventKey();
    for (DeliveryObserver o : all) {
      try {
        o.exchange(v.status(), timedOut, key, nanos);
      } catch (Throwable t) {
        failed(o, t);
      }
    }
  }

  /** A queued event settled; on a library thread or the closing thread, never a caller's. */
  void settled(Delivery d, Outcome outcome, String reason) {
    DeliveryObserver[] all = observers;
    if (all == null) {
      return;
    }
    long nanos = System.nanoTime() - d.acceptedNanos();
    String key = d.eventKey();
    for (DeliveryObserver o : all) {
      try {
        o.settled(outcome, reason, key, nanos);
      } catch (Throwable t) {
        failed(o, t);
      }
    }
  }

  private void failed(DeliveryObserver o, Throwable t) {
    try {
      // Kind and key given apart: with only a key, the overload would take the format for one.
      once.warn(
          "observer-failed",
          o.getClass().getName() + ":" + t.getClass().getName(),
          "A delivery observer ({}) threw {}; it is ignored and delivery goes on",
          o.getClass().getName(),
          LogSafe.scrub(LogSafe.describe(t), null));
    } catch (Throwable ignored) {
      // Even describing it failed: going on matters more than saying so.
    }
  }
}
