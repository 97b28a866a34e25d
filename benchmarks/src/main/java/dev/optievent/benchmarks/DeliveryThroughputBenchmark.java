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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue item 2, first half: events per second from {@code send} (the enqueue) to {@code
 * "status":"success"} at a {@link FakeOptimoveServer} on loopback that answers at once, against the
 * ceiling of the same server measured by a plain loop of JDK HttpClient requests with the same
 * concurrency (64 in flight, the client's default {@code maxInFlight}).
 *
 * <p>Each invocation is one burst of {@value #EVENTS} events, timed from the first enqueue to the
 * last success; one invocation per iteration (the 1 ms iteration time only means "stop after the
 * first"), so the score, in ops/s, is events per second. The client has default settings.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 1, timeUnit = TimeUnit.MILLISECONDS)
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
  /** Events per burst: fits the default queue (10,000) without a drop. */
  static final int EVENTS = 8_000;

  private FakeOptimoveServer server;
  private OptimoveClient client;
  private PlainHttpLoop plain;
  private Event[] events;

  @Setup(Level.Trial)
  public void start() {
    server = Fixtures.fastServer();
    client = OptimoveClient.create(Fixtures.defaults(server.endpoint()).build());
    plain = new PlainHttpLoop(server.endpoint(), client.config().maxInFlight(), EVENTS);
    events = new Event[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      events[i] = Fixtures.event(i);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    plain.close();
    server.close();
  }

  /** The library: enqueue a burst, wait until the client has counted every event delivered. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void library() {
    long target = client.stats().delivered() + EVENTS;
    for (Event e : events) {
      if (!client.send(e)) {
        throw new IllegalStateException("an event was refused: " + client.stats());
      }
    }
    Fixtures.awaitDelivered(client, target, Duration.ofMinutes(2));
  }

  /** Ceiling: a plain loop of {@code sendAsync}, 64 in flight. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void plainSendAsync() throws InterruptedException {
    plain.sendAsync(EVENTS);
  }

  /** Ceiling: 64 threads, each a plain loop of the blocking {@code send}. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void plainSendBlocking() throws InterruptedException {
    plain.sendBlocking(EVENTS);
  }
}
