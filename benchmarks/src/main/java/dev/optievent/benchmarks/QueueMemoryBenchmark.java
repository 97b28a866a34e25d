package dev.optievent.benchmarks;

import dev.optievent.aspect.OptimoveContext;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.benchmarks.services.Newsletter;
import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue item 4: the heap held by a full default queue (10,000 events), measured: used heap after
 * forced full GCs, before and after filling the queue of a default client whose endpoint never
 * answers (so nothing drains), with events reported by the woven method, each with its own customer
 * ID and e-mail address (as in real traffic, where nothing else keeps those strings).
 *
 * <p>The baseline is taken with the client's {@code maxInFlight} (64) requests already in flight,
 * so that the difference is the queue alone; the heap of the whole client with its requests in
 * flight is reported too. Results, as secondary counters: {@code queueBytes}, {@code queuedEvents}
 * (bytes per event = their ratio), {@code clientBytes}. The time score means nothing.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Dsun.net.httpserver.nodelay=true",
      "-Xms2g",
      "-Xmx2g",
      "-XX:+AlwaysPreTouch",
      "-Dorg.slf4j.simpleLogger.log.dev.optievent.client.OptimoveClient=error"
    })
@State(Scope.Thread)
public class QueueMemoryBenchmark {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Newsletter newsletter = new Newsletter();
  private FakeOptimoveServer server;
  private long serial;

  /** The measured figures of one iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class HeapFigures {
    /** Heap held by the queued events (after minus before filling the queue). */
    public long queueBytes;

    /** Events in the queue when it was measured. */
    public long queuedEvents;

    /** Heap held by the whole client: full queue, requests in flight, threads' objects. */
    public long clientBytes;
  }

  @Setup(Level.Trial)
  public void start() {
    server = Fixtures.slowServer(Duration.ofHours(1));
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  @Benchmark
  public void fullDefaultQueue(HeapFigures figures) {
    long empty = usedHeapAfterGc();
    OptimoveClient client =
        OptimoveClient.create(
            Fixtures.defaults(server.endpoint())
                .requestTimeout(Duration.ofHours(1))
                .shutdownTimeout(Duration.ofMillis(1))
                // All maxInFlight requests in flight, so that the baseline below is exact (the
                // adaptive limit would stop at 64 against an endpoint that never answers).
                .adaptiveInFlight(false)
                .build());
    OptimoveReporting.connect(client);
    try {
      int capacity = client.config().queueCapacity();
      int inFlight = client.config().maxInFlight();
      Fixtures.requireWoven(
          client,
          "newsletter_signup",
          this::report,
          () -> newsletter.signUpPlain("x@example.com", true));
      int requestsBefore = server.requestCount();
      for (int i = 1; i < inFlight; i++) {
        report();
      }
      awaitRequests(requestsBefore + inFlight - 1);
      long withRequestsInFlight = usedHeapAfterGc();

      for (int i = 0; i < capacity; i++) {
        report();
      }
      ClientStats filled = client.stats();
      report(); // one more: must be refused, or the queue was not full
      ClientStats after = client.stats();
      if (filled.dropped() + filled.rejected() != 0
          || after.dropped("queue_full") != 1
          || filled.pending() != capacity + inFlight) {
        throw new IllegalStateException(
            "the queue is not exactly full: " + filled + " then " + after);
      }
      long full = usedHeapAfterGc();
      figures.queueBytes = full - withRequestsInFlight;
      figures.queuedEvents = capacity;
      figures.clientBytes = full - empty;
    } finally {
      OptimoveReporting.disconnect(client);
      client.close();
    }
  }

  /** One woven call with a customer ID and e-mail address of its own. */
  private void report() {
    long n = serial++;
    try (OptimoveContext.Scope s = OptimoveContext.customer("c-" + (1_000_000 + n))) {
      newsletter.signUp("user" + n + "@example.com", (n & 1) == 0);
    }
  }

  private void awaitRequests(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.requestCount() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "requests did not reach the endpoint: " + server.requestCount() + " of " + count);
      }
      LockSupport.parkNanos(1_000_000);
    }
    LockSupport.parkNanos(200_000_000); // let the requests settle into waiting
  }

  /** Used heap after repeated full GCs: the least of five readings. Shared with the harnesses. */
  static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      LockSupport.parkNanos(50_000_000);
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
