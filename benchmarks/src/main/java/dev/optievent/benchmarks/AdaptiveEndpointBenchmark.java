package dev.optievent.benchmarks;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The adaptive limit against endpoints of three shapes, beside fixed limits in the same run: bursts
 * of {@value #EVENTS} events through a client with default settings ({@code inFlight=adaptive}) or
 * with {@code adaptiveInFlight=false} and that many in flight (score: events/s), and, as secondary
 * results, how many requests the endpoint held at once at most ({@code mostAtEndpoint}) and how
 * many 429s it answered ({@code tooManyRequests}), per burst. The adaptive limit's goal: at least
 * 0.9x of the best fixed setting on each shape.
 *
 * <ul>
 *   <li>{@code queueing}: 64 workers, 50 ms each: a capacity of 1,280 requests/s; past 64 at once,
 *       requests queue and the latency rises. A client that piles on gains nothing and makes every
 *       answer slower.
 *   <li>{@code loaded}: every request served at once in 50 ms times {@code 1 + held / 256}: the
 *       latency doubles at 256 in flight while the throughput still rises (a CPU-bound server).
 *   <li>{@code rateLimited}: 429 at once past 1,000 requests/s, 50 ms for the others.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xms1g",
      "-Xmx1g",
      "-Dsun.net.httpserver.nodelay=true",
      "-Dorg.slf4j.simpleLogger.log.dev.optievent.client.OptimoveClient=error"
    })
@State(Scope.Benchmark)
public class AdaptiveEndpointBenchmark {
  static final int EVENTS = 5_000;

  @Param({"queueing", "loaded", "rateLimited"})
  public String endpoint;

  /** {@code adaptive}: default settings; a number: that many in flight, fixed. */
  @Param({"adaptive", "32", "48", "64", "128", "256"})
  public String inFlight;

  private CapacityEndpoint server;
  private OptimoveClient client;
  private Event[] events;

  /** Per burst, as secondary results. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class AtTheEndpoint {
    /** The most requests the endpoint held at once during the burst. */
    public long mostAtEndpoint;

    /** 429s answered during the burst. */
    public long tooManyRequests;
  }

  @Setup(Level.Trial)
  public void start() throws IOException {
    server =
        switch (endpoint) {
          case "queueing" -> CapacityEndpoint.queueing(64, 50);
          case "loaded" -> CapacityEndpoint.loaded(50, 256);
          case "rateLimited" -> CapacityEndpoint.rateLimited(1_000, 50);
          default -> throw new IllegalArgumentException("no such endpoint shape: " + endpoint);
        };
    OptimoveConfig.Builder config =
        Fixtures.defaults(server.endpoint()).maxAttempts(20).queueCapacity(20_000);
    if (!inFlight.equals("adaptive")) {
      config.maxInFlight(Integer.parseInt(inFlight)).adaptiveInFlight(false);
    }
    client = OptimoveClient.create(config.build());
    events = new Event[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      events[i] = Fixtures.event(i);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    server.close();
  }

  /** One burst (patient retries: no event may be lost here). */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void burst(AtTheEndpoint counters) {
    long before429 = server.tooManyRequests();
    server.takeMostConcurrent();
    Fixtures.burst(client, events);
    counters.mostAtEndpoint = server.takeMostConcurrent();
    counters.tooManyRequests = server.tooManyRequests() - before429;
  }
}
