package dev.optievent.benchmarks;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * Events per second from {@code send} (the enqueue) to {@code "status":"success"} at a {@link
 * FakeOptimoveServer} on loopback that answers at once or after 50 ms ({@code latencyMs}), against
 * the ceiling of the same server measured by plain loops of JDK HttpClient requests with the same
 * concurrency ({@code inFlight}: 64, the old default, and 256, the new cap).
 *
 * <p>Each invocation is one burst of {@value #EVENTS} events, timed from the first enqueue to the
 * last success; one invocation per iteration (the 1 ms iteration time only means "stop after the
 * first"), so the score, in ops/s, is events per second. {@code library} has {@code inFlight}
 * requests in flight, fixed; {@code libraryDefaults} has default settings (adaptive, up to 256).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Dsun.net.httpserver.nodelay=true",
      "-Xms2g",
      "-Xmx2g",
      "-XX:+AlwaysPreTouch",
      "-Dorg.slf4j.simpleLogger.log.dev.optievent.client.OptimoveClient=error"
    })
@State(Scope.Benchmark)
public class DeliveryThroughputBenchmark {
  /** Events per burst: fits the default queue (10,000) without a drop; 20 round trips of 256. */
  static final int EVENTS = 5_120;

  /** How long the endpoint takes to answer. */
  @Param({"0", "50"})
  public int latencyMs;

  /** Requests in flight, the same for the library (fixed, not adaptive) and the plain loops. */
  @Param({"64", "256"})
  public int inFlight;

  private FakeOptimoveServer server;
  private OptimoveClient client;
  private OptimoveClient defaults;
  private PlainHttpLoop plain;
  private Event[] events;

  @Setup(Level.Trial)
  public void start() {
    server =
        latencyMs == 0 ? Fixtures.fastServer() : Fixtures.slowServer(Duration.ofMillis(latencyMs));
    client =
        OptimoveClient.create(
            Fixtures.defaults(server.endpoint())
                .maxInFlight(inFlight)
                .adaptiveInFlight(false)
                .build());
    defaults = OptimoveClient.create(Fixtures.defaults(server.endpoint()).build());
    plain = new PlainHttpLoop(server.endpoint(), inFlight, EVENTS);
    events = new Event[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      events[i] = Fixtures.event(i);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    defaults.close();
    plain.close();
    server.close();
  }

  /**
   * The library with {@code inFlight} requests in flight, not adaptive: enqueue a burst, wait until
   * the client has counted every event delivered.
   */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void library() {
    Fixtures.burst(client, events);
  }

  /** The library with default settings (adaptive, up to 256 in flight; the parameter is unused). */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void libraryDefaults() {
    Fixtures.burst(defaults, events);
  }

  /** Ceiling: a plain loop of {@code sendAsync}, {@code inFlight} in flight. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void plainSendAsync() throws InterruptedException {
    plain.sendAsync(EVENTS);
  }

  /** Ceiling: {@code inFlight} threads, each a plain loop of the blocking {@code send}. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void plainSendBlocking() throws InterruptedException {
    plain.sendBlocking(EVENTS);
  }
}
