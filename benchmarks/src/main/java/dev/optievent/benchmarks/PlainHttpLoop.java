package dev.optievent.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The endpoint's ceiling: a plain tight loop of JDK {@link HttpClient} requests, with no library
 * code, the same bodies and the same concurrency as the client. Two ways, the better of which is
 * the ceiling: {@code sendAsync} gated by a {@link Semaphore}, and as many threads as requests in
 * flight each calling the blocking {@code send} (what the library's sender does).
 */
final class PlainHttpLoop implements AutoCloseable {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI endpoint;
  private final int concurrency;
  private final byte[][] bodies;
  private final ExecutorService threads;

  PlainHttpLoop(URI endpoint, int concurrency, int distinctBodies) {
    this.endpoint = endpoint;
    this.concurrency = concurrency;
    this.bodies = new byte[distinctBodies][];
    String now = TIMESTAMP.format(Instant.now());
    for (int i = 0; i < distinctBodies; i++) {
      // The body the library writes for Fixtures.event(i).
      bodies[i] =
          ("{\"tenant\":"
                  + Fixtures.TENANT
                  + ",\"event\":\"newsletter_signup\",\"customer\":\"c-"
                  + (100_000 + i)
                  + "\",\"timestamp\":\""
                  + now
                  + "\",\"context\":{\"email\":\"user"
                  + i
                  + "@example.com\",\"opt_in\":"
                  + ((i & 1) == 0)
                  + "}}")
              .getBytes(StandardCharsets.UTF_8);
    }
    this.threads =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "plain-http-loop");
              t.setDaemon(true);
              return t;
            });
  }

  private HttpRequest request(int i) {
    return HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i % bodies.length]))
        .build();
  }

  private static boolean success(HttpResponse<String> r) {
    return r.statusCode() == 200 && r.body().contains("\"status\":\"success\"");
  }

  /**
   * {@code n} requests with {@code sendAsync}, at most {@code concurrency} in flight; all must
   * succeed.
   */
  void sendAsync(int n) throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicInteger ok = new AtomicInteger();
    AtomicReference<Object> problem = new AtomicReference<>();
    for (int i = 0; i < n; i++) {
      inFlight.acquire();
      http.sendAsync(request(i), HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (r, e) -> {
                if (e == null && success(r)) {
                  ok.incrementAndGet();
                } else {
                  problem.compareAndSet(null, e != null ? e : r.statusCode() + " " + r.body());
                }
                inFlight.release();
              });
    }
    inFlight.acquire(concurrency);
    check(n, ok.get(), problem.get());
  }

  /** {@code n} requests on {@code concurrency} threads, each calling the blocking {@code send}. */
  void sendBlocking(int n) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicReference<Object> problem = new AtomicReference<>();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(concurrency);
    for (int t = 0; t < concurrency; t++) {
      threads.execute(
          () -> {
            try {
              int i;
              while ((i = next.getAndIncrement()) < n) {
                HttpResponse<String> r =
                    http.send(request(i), HttpResponse.BodyHandlers.ofString());
                if (success(r)) {
                  ok.incrementAndGet();
                } else {
                  problem.compareAndSet(null, r.statusCode() + " " + r.body());
                }
              }
            } catch (IOException | InterruptedException | RuntimeException e) {
              problem.compareAndSet(null, e);
            } finally {
              done.countDown();
            }
          });
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("plain blocking loop did not finish");
    }
    check(n, ok.get(), problem.get());
  }

  private static void check(int n, int ok, Object problem) {
    if (ok != n) {
      throw new IllegalStateException(
          "plain HTTP loop: " + ok + " of " + n + " succeeded; first" + " problem: " + problem);
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
