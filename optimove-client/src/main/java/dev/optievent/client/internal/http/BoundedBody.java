package dev.optievent.client.internal.http;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a response body into memory, at most {@code cap} bytes of it and only until a deadline.
 *
 * <p>The cap: past it the subscription is cancelled (the JDK client then closes the connection) and
 * the prefix is the body, marked {@linkplain Content#truncated() truncated}; a huge answer is never
 * buffered whole. The deadline: the JDK client's request timeout stops counting once the headers
 * have arrived (JDK-8208693, fixed in 26), so a server that sends headers and then stalls or drips
 * the body would hold the request forever. When the deadline passes first, the body fails with an
 * {@link HttpTimeoutException} and the subscription is cancelled, which makes the waiting {@code
 * HttpClient.send} return and closes the connection. Internal.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Content> {

  /**
   * A body as read.
   *
   * @param bytes the body, or its first {@code cap} bytes
   * @param truncated whether there was more
   */
  public record Content(byte[] bytes, boolean truncated) {}

  private final int cap;
  private final CompletableFuture<Content> result = new CompletableFuture<>();

  // The timer thread may cancel while the client's thread delivers bytes: the JDK's subscriptions
  // take cancel() from any thread (its own ofInputStream cancels from the reader's thread).
  private volatile Flow.Subscription subscription;
  private volatile ScheduledFuture<?> timer;
  private byte[] buffer = new byte[256];
  private int size;

  private BoundedBody(int cap) {
    this.cap = cap;
  }

  /**
   * A handler whose bodies hold at most {@code cap} bytes and end by {@code deadlineNanos}.
   *
   * @param cap most bytes kept
   * @param deadlineNanos {@link System#nanoTime()} by which the whole body must have arrived
   * @param timers where the deadline is watched (if it refuses, the deadline is not watched)
   * @return the handler
   */
  public static HttpResponse.BodyHandler<Content> handler(
      int cap, long deadlineNanos, ScheduledExecutorService timers) {
    return info -> {
      BoundedBody body = new BoundedBody(cap);
      body.watch(deadlineNanos, timers);
      return body;
    };
  }

  private void watch(long deadlineNanos, ScheduledExecutorService timers) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      expire();
      return;
    }
    try {
      timer = timers.schedule(this::expire, left, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down: the request thread is interrupted, which ends the exchange as well.
    }
    if (result.isDone()) {
      stopTimer();
    }
  }

  @Override
  public CompletionStage<Content> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (subscription != null) {
      s.cancel(); // one subscription only (Reactive Streams 2.5)
      return;
    }
    subscription = s;
    if (result.isDone()) {
      s.cancel(); // expired before the body even started
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int n = item.remaining();
      int room = cap - size;
      if (n > room) {
        append(item, room);
        truncate();
        return;
      }
      append(item, n);
    }
    subscription.request(1);
  }

  private void append(ByteBuffer item, int n) {
    if (size + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(cap, Math.max(size + n, buffer.length * 2)));
    }
    item.get(buffer, size, n);
    size += n;
  }

  @Override
  public void onError(Throwable t) {
    stopTimer();
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    stopTimer();
    result.complete(new Content(Arrays.copyOf(buffer, size), false));
  }

  /** Past the cap: the prefix is the answer, and the rest is not read. */
  private void truncate() {
    stopTimer();
    result.complete(new Content(Arrays.copyOf(buffer, size), true));
    cancel();
  }

  /** The deadline passed: fail first (so that the cancel's own error is ignored), then cancel. */
  private void expire() {
    if (result.completeExceptionally(
        new HttpTimeoutException("no complete answer within the request timeout"))) {
      cancel();
    }
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  private void stopTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }
}
