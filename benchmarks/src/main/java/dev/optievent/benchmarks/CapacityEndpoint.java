package dev.optievent.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endpoint with a capacity, for the adaptive-concurrency benchmark: it serves at most {@code
 * workers} requests at once, each for {@code serviceMillis}, and queues the rest, so that its
 * latency rises with load past {@code workers / serviceMillis} requests per second (a server with a
 * thread pool). Or, rate-limited, it answers {@code 429} at once to every request past {@code
 * ratePerSecond} (a token bucket), and serves the others after {@code serviceMillis}. Or, loaded,
 * it serves every request at once, but the more it holds the slower each one is: {@code
 * serviceMillis} times {@code 1 + held / doublingAt}, as a CPU-bound server whose latency doubles
 * at {@code doublingAt} requests while its throughput still rises.
 */
final class CapacityEndpoint implements AutoCloseable {
  private static final byte[] SUCCESS =
      "{\"status\":\"success\",\"message\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService io = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final int workers;
  private final long serviceNanos;
  private final double ratePerSecond;
  private final double doublingAt;

  // Under this object's monitor.
  private final ArrayDeque<HttpExchange> waiting = new ArrayDeque<>();
  private int busy;
  private double tokens;
  private long tokensAt = System.nanoTime();
  private int concurrent;
  private int mostConcurrent;

  private final AtomicLong served = new AtomicLong();
  private final AtomicLong tooManyRequests = new AtomicLong();

  private CapacityEndpoint(int workers, long serviceMillis, double ratePerSecond, double doublingAt)
      throws IOException {
    this.workers = workers;
    this.serviceNanos = TimeUnit.MILLISECONDS.toNanos(serviceMillis);
    this.ratePerSecond = ratePerSecond;
    this.doublingAt = doublingAt;
    this.tokens = ratePerSecond / 10; // a tenth of a second's worth of burst
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(io);
    server.createContext("/", this::arrive);
    server.start();
  }

  /** Serves {@code workers} at once for {@code serviceMillis} each; queues the rest. */
  static CapacityEndpoint queueing(int workers, long serviceMillis) throws IOException {
    return new CapacityEndpoint(
        workers, serviceMillis, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * Serves every request at once, in {@code serviceMillis * (1 + held / doublingAt)}: its latency
   * rises with load, its throughput too (ever more slowly).
   */
  static CapacityEndpoint loaded(long serviceMillis, double doublingAt) throws IOException {
    return new CapacityEndpoint(
        Integer.MAX_VALUE, serviceMillis, Double.POSITIVE_INFINITY, doublingAt);
  }

  /** Answers 429 past {@code ratePerSecond}; serves the rest after {@code serviceMillis}. */
  static CapacityEndpoint rateLimited(double ratePerSecond, long serviceMillis) throws IOException {
    return new CapacityEndpoint(
        Integer.MAX_VALUE, serviceMillis, ratePerSecond, Double.POSITIVE_INFINITY);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/events");
  }

  long served() {
    return served.get();
  }

  long tooManyRequests() {
    return tooManyRequests.get();
  }

  /** The most requests the endpoint held at once (being served or queued) since the last call. */
  synchronized int takeMostConcurrent() {
    int m = mostConcurrent;
    mostConcurrent = concurrent;
    return m;
  }

  private void arrive(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.readAllBytes();
    }
    boolean serveNow;
    long serviceTime;
    synchronized (this) {
      if (!takeToken()) {
        tooManyRequests.incrementAndGet();
        ex.sendResponseHeaders(429, -1);
        ex.close();
        return;
      }
      concurrent++;
      mostConcurrent = Math.max(mostConcurrent, concurrent);
      serviceTime = serviceTimeNanos(concurrent);
      serveNow = busy < workers;
      if (serveNow) {
        busy++;
      } else {
        waiting.addLast(ex);
      }
    }
    if (serveNow) {
      timer.schedule(() -> finish(ex), serviceTime, TimeUnit.NANOSECONDS);
    }
  }

  /** Under the lock: how long a request takes that arrives with {@code held} at the endpoint. */
  private long serviceTimeNanos(int held) {
    return Double.isInfinite(doublingAt)
        ? serviceNanos
        : (long) (serviceNanos * (1 + (held - 1) / doublingAt));
  }

  private boolean takeToken() {
    if (Double.isInfinite(ratePerSecond)) {
      return true;
    }
    long now = System.nanoTime();
    tokens = Math.min(ratePerSecond / 10, tokens + (now - tokensAt) * ratePerSecond / 1e9);
    tokensAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  private void finish(HttpExchange ex) {
    HttpExchange next;
    synchronized (this) {
      concurrent--;
      next = waiting.pollFirst();
      if (next == null) {
        busy--;
      }
    }
    if (next != null) {
      timer.schedule(() -> finish(next), serviceNanos, TimeUnit.NANOSECONDS);
    }
    io.execute(() -> answer(ex));
  }

  private void answer(HttpExchange ex) {
    try {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, SUCCESS.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(SUCCESS);
      }
      served.incrementAndGet();
    } catch (IOException e) {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    timer.shutdownNow();
    io.shutdownNow();
  }
}
