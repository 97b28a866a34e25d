package dev.optievent.benchmarks;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link OutageCallerCostBenchmark}'s drop path with several calling threads sharing one client
 * whose queue is full: every call is dropped as {@code queue_full}. {@link RunAll} runs it with 1,
 * 2, 4 and 8 threads ({@code --only contention}) beside {@link ContendedCallerCostBenchmark}.
 */
@Warmup(iterations = 60, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Threads(2)
@State(Scope.Benchmark)
public class ContendedOutageCallerCostBenchmark extends CallerCostFork {
  private FakeOptimoveServer server;
  private OptimoveClient client;

  @Setup(Level.Trial)
  public void fillTheQueue() {
    server = Fixtures.slowServer(Duration.ofHours(1));
    client = Fixtures.outageClient(server);
    Fixtures.requireNewsletterWoven(
        client, n -> Fixtures.fillQueue(client, () -> n.signUp("a@example.com", true)));
  }

  @TearDown(Level.Iteration)
  public void checkStillFull() {
    ClientStats s = client.stats();
    if (s.delivered() > 0 || s.dropped("no_identity") > 0) {
      throw new IllegalStateException("not the drop path this measures: " + s);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    OptimoveReporting.disconnect(client);
    client.close();
    server.close();
  }

  /** Every thread, one client with a full queue: the woven method. */
  @Benchmark
  public void woven(ContendedCallerCostBenchmark.Caller caller, CallerAllocation alloc) {
    caller.newsletter.signUp(caller.email, caller.optIn);
    alloc.call();
  }
}
