package dev.optievent.client.internal.outcome;

import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import dev.optievent.client.internal.DaemonThreads;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.OnceLogger;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the user's {@link DeliveryListener} on one dedicated daemon thread through a bounded queue,
 * so that a slow or throwing listener cannot stall or break delivery. A listener that throws is
 * logged (once at WARN per method and exception type, then at DEBUG); when the queue is full the
 * notification is skipped, counted and logged once. The thread ends when it has been idle for a
 * second and starts again on the next notification, so it outlives neither the client nor its work.
 * Internal.
 */
public final class ListenerDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

  /** Marks the listener thread, so that close() called from a listener does not wait on itself. */
  private static final ThreadLocal<Boolean> ON_LISTENER_THREAD = new ThreadLocal<>();

  private final DeliveryListener listener;
  private final ThreadPoolExecutor executor;
  private final Accounting accounting;
  private final OnceLogger once = new OnceLogger(LOG);
  private volatile boolean stopped;

  /**
   * @param listener the user's listener, or {@code null} for none (then nothing is done)
   * @param capacity most notifications waiting for the listener
   * @param threadName name of the listener thread
   * @param accounting where skipped notifications are counted
   */
  public ListenerDispatcher(
      DeliveryListener listener, int capacity, String threadName, Accounting accounting) {
    this.listener = listener;
    this.accounting = accounting;
    if (listener == null) {
      this.executor = null;
    } else {
      this.executor =
          new ThreadPoolExecutor(
              1,
              1,
              1,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(capacity),
              DaemonThreads.named(threadName),
              // Counted, never thrown: an exception here would cost the business thread a stack
              // trace on every call while the listener lags.
              (task, pool) -> {
                if (!(task instanceof Marker)) {
                  skipped();
                }
              });
      this.executor.allowCoreThreadTimeOut(true);
    }
  }

  private void skipped() {
    accounting.skippedNotification();
    if (stopped) {
      return; // after close(): counted, and nothing to warn about
    }
    once.warn(
        "listener-queue-full",
        "The DeliveryListener falls behind: its queue is full, notifications are skipped (and"
            + " counted) until it catches up");
  }

  /**
   * @return whether a listener was configured, so that notifications reach someone
   */
  public boolean listening() {
    return executor != null;
  }

  /**
   * @param event the event
   * @param messageId Optimove's message id, or {@code null}
   */
  public void delivered(Event event, String messageId) {
    if (executor != null) {
      submit("onDelivered", event, () -> listener.onDelivered(event, messageId));
    }
  }

  /**
   * @param event the event
   * @param reason the reason code
   * @param message the explanation
   */
  public void rejected(Event event, String reason, String message) {
    if (executor != null) {
      submit("onRejected", event, () -> listener.onRejected(event, reason, message));
    }
  }

  /**
   * @param event the event
   * @param reason the reason code
   */
  public void dropped(Event event, String reason) {
    if (executor != null) {
      submit("onDropped", event, () -> listener.onDropped(event, reason));
    }
  }

  private void submit(String method, Event event, Runnable call) {
    if (ON_LISTENER_THREAD.get() != null) {
      // The listener itself sent an event that was refused at once: telling the listener again
      // could loop forever (a listener that reports each drop, while the queue stays full).
      accounting.skippedNotification();
      once.warn(
          "listener-feedback",
          "An event sent from the DeliveryListener's own thread was {} at once; the listener is"
              + " not told (it would loop), the event is still counted",
          method.equals("onRejected") ? "rejected" : "dropped");
      return;
    }
    try {
      executor.execute(notification(method, event, call));
    } catch (Throwable e) {
      // Say, no thread could be started for the listener: the caller must not pay for it.
      accounting.skippedNotification();
    }
  }

  private Runnable notification(String method, Event event, Runnable call) {
    return () -> {
      ON_LISTENER_THREAD.set(Boolean.TRUE);
      if (stopped) {
        accounting.skippedNotification(); // close() has returned: no callback after that
        return;
      }
      try {
        call.run();
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable t) {
        // The exception's text may quote the event: scrubbed, and no raw stack trace.
        once.warn(
            "listener-threw:" + method + ":" + t.getClass().getName(),
            "DeliveryListener.{} threw {}; delivery goes on",
            method,
            LogSafe.scrub(LogSafe.describe(t), event));
      }
    };
  }

  /** A no-op task whose run tells {@link #awaitIdle} that everything before it has run. */
  private static final class Marker implements Runnable {
    final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void run() {
      done.countDown();
    }
  }

  /**
   * Waits until the notifications queued so far have been handed to the listener, or the time is
   * up.
   *
   * @param timeout the longest wait
   * @return whether they all were
   */
  public boolean awaitIdle(Duration timeout) {
    if (executor == null || ON_LISTENER_THREAD.get() != null) {
      return true;
    }
    Marker marker = new Marker();
    executor.execute(marker);
    try {
      return marker.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Lets the listener hear what is queued for up to {@code drain}, then stops: notifications still
   * queued are skipped (and counted), none starts after this returns, and the listener thread has
   * ended, unless a callback ignores interruption for longer than {@code drain} again (then it is
   * logged).
   *
   * @param drain how long the listener may take to catch up, and then to finish a running callback
   */
  public void shutdown(Duration drain) {
    if (executor == null) {
      return;
    }
    boolean onListenerThread = ON_LISTENER_THREAD.get() != null;
    if (!onListenerThread) {
      awaitIdle(drain);
    }
    stopped = true;
    executor.shutdown();
    if (onListenerThread) {
      return; // close() called from a callback: that callback is the last one
    }
    try {
      if (!executor.awaitTermination(drain.toNanos(), TimeUnit.NANOSECONDS)) {
        executor.shutdownNow();
        if (!executor.awaitTermination(drain.toNanos(), TimeUnit.NANOSECONDS)) {
          LOG.warn(
              "A DeliveryListener callback is still running {} after the Optimove client closed;"
                  + " it was interrupted and no other callback will start",
              drain);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
