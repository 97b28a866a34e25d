package dev.optievent.client.internal.delivery;

import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import dev.optievent.client.internal.OnceLogger;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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
              new ThreadPoolExecutor.AbortPolicy());
      this.executor.allowCoreThreadTimeOut(true);
    }
  }

  private void skipped() {
    accounting.skippedNotification();
    once.warn(
        "listener-queue-full",
        "The DeliveryListener falls behind: its queue is full, notifications are skipped (and"
            + " counted) until it catches up");
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
    try {
      executor.execute(
          () -> {
            ON_LISTENER_THREAD.set(Boolean.TRUE);
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
          });
    } catch (RejectedExecutionException e) {
      skipped();
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
    CountDownLatch marker = new CountDownLatch(1);
    try {
      executor.execute(marker::countDown);
    } catch (RejectedExecutionException e) {
      return false;
    }
    try {
      return marker.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
