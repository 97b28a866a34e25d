package dev.optievent.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The body subscriber on its own (the end-to-end tests run it over real HTTP). */
class BoundedBodyTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong requested = new AtomicLong();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Flow.Subscription subscription =
      new Flow.Subscription() {
        @Override
        public void request(long n) {
          requested.addAndGet(n);
        }

        @Override
        public void cancel() {
          cancelled.set(true);
        }
      };

  @AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  private HttpResponse.BodySubscriber<BoundedBody.Content> subscriber(int cap, long deadline) {
    return BoundedBody.handler(cap, deadline, timers).apply(null);
  }

  private static long inSeconds(int s) {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(s);
  }

  private static List<ByteBuffer> bytes(String s) {
    return List.of(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void keepsAWholeBodyUnderTheCap() throws Exception {
    HttpResponse.BodySubscriber<BoundedBody.Content> body = subscriber(16, inSeconds(10));
    body.onSubscribe(subscription);
    body.onNext(bytes("hello "));
    body.onNext(bytes("world"));
    body.onComplete();

    BoundedBody.Content content = body.getBody().toCompletableFuture().get();
    assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    assertThat(content.truncated()).isFalse();
    assertThat(requested.get()).isEqualTo(3); // one at a time
    assertThat(cancelled).isFalse();
  }

  @Test
  void keepsOnlyThePrefixUpToTheCapAndCancelsTheRest() throws Exception {
    HttpResponse.BodySubscriber<BoundedBody.Content> body = subscriber(8, inSeconds(10));
    body.onSubscribe(subscription);
    body.onNext(bytes("12345"));
    body.onNext(
        List.of(
            ByteBuffer.wrap("6789".getBytes(StandardCharsets.UTF_8)),
            ByteBuffer.allocate(1 << 20)));
    body.onNext(bytes("ignored"));

    BoundedBody.Content content = body.getBody().toCompletableFuture().get();
    assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo("12345678");
    assertThat(content.truncated()).isTrue();
    assertThat(cancelled).isTrue();
  }

  @Test
  void failsAsATimeoutAndCancelsWhenTheDeadlinePassesMidBody() {
    HttpResponse.BodySubscriber<BoundedBody.Content> body =
        subscriber(1024, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
    body.onSubscribe(subscription);
    body.onNext(bytes("{\"status\":"));
    // ... and nothing more: the server stalls.

    CompletableFuture<BoundedBody.Content> result = body.getBody().toCompletableFuture();
    assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(HttpTimeoutException.class);
    await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled); // cancelled just after failing
  }

  @Test
  void aDeadlinePassedBeforeTheBodyStartsCancelsAtOnce() {
    HttpResponse.BodySubscriber<BoundedBody.Content> body = subscriber(1024, System.nanoTime() - 1);
    body.onSubscribe(subscription);

    assertThat(body.getBody().toCompletableFuture()).isCompletedExceptionally();
    assertThat(cancelled).isTrue();
    assertThat(requested.get()).isZero();
  }
}
