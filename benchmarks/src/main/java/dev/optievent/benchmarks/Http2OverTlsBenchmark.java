package dev.optievent.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 17: HTTP/2 (one TLS connection, requests multiplexed on it) against HTTP/1.1 (one TLS
 * connection per request in flight) from the JDK {@link HttpClient}, the way the library's sender
 * uses it: {@code inFlight} threads, each a loop of the blocking {@code send}, against a local
 * Jetty endpoint ({@link TlsEndpoint}) that answers at once. The score is requests per second; the
 * connections the client opened are printed at the end of each trial.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main Http2OverTlsBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class Http2OverTlsBenchmark {
  /** Requests per invocation. */
  static final int REQUESTS = 1_000;

  /** {@code HTTP_1_1} or {@code HTTP_2}. */
  @Param({"HTTP_1_1", "HTTP_2"})
  public String version;

  /** Requests in flight at once: 1, or the client's default {@code maxInFlight}. */
  @Param({"1", "64"})
  public int inFlight;

  private TlsEndpoint server;
  private HttpClient http;
  private ExecutorService threads;
  private HttpRequest request;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = TlsEndpoint.start();
    HttpClient.Version v = HttpClient.Version.valueOf(version);
    http =
        HttpClient.newBuilder()
            .version(v)
            .sslContext(server.clientContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    byte[] body =
        ("{\"tenant\":999,\"event\":\"newsletter_signup\",\"customer\":\"c-100001\","
                + "\"timestamp\":\"2026-11-27 12:00:00.000 UTC\",\"context\":"
                + "{\"email\":\"user1@example.com\",\"opt_in\":true}}")
            .getBytes(StandardCharsets.UTF_8);
    request =
        HttpRequest.newBuilder(server.endpoint())
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (first.version() != v || first.statusCode() != 200) {
      throw new IllegalStateException(
          "wanted " + v + " 200, got " + first.version() + " " + first.statusCode());
    }
    threads =
        Executors.newFixedThreadPool(
            inFlight,
            r -> {
              Thread t = new Thread(r, "h2-bench");
              t.setDaemon(true);
              return t;
            });
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    System.out.println(
        "\n"
            + version
            + " inFlight="
            + inFlight
            + ": TLS connections opened "
            + server.connectionsOpened());
    threads.shutdownNow();
    server.close();
  }

  /** {@value #REQUESTS} requests on {@code inFlight} threads, each calling the blocking send. */
  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public void requests() throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Object> problem = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(inFlight);
    for (int t = 0; t < inFlight; t++) {
      threads.execute(
          () -> {
            try {
              while (next.getAndIncrement() < REQUESTS) {
                HttpResponse<byte[]> r =
                    http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                  problem.compareAndSet(null, r.statusCode());
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
      throw new IllegalStateException("the requests did not finish");
    }
    if (problem.get() != null) {
      throw new IllegalStateException("a request failed: " + problem.get());
    }
  }
}
