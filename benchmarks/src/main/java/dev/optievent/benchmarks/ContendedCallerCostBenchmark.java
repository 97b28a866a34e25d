package dev.optievent.benchmarks;

import dev.optievent.aspect.OptimoveContext;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.benchmarks.services.Newsletter;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@link CallerCostBenchmark}'s accepted path with several calling threads reporting to one client,
 * so that they share its queue: two by default, and 1, 2, 4 and 8 in {@link RunAll}'s contention
 * group ({@code --only contention}), whose one-thread run is the baseline.
 */
// Warm-up iterations as short as the measured ones: each gets a fresh client whose queue must hold
// every call of every thread (8 threads fill millions of slots in 100 ms).
@Warmup(iterations = 60, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Threads(2)
@State(Scope.Benchmark)
public class ContendedCallerCostBenchmark extends CallerCostFork {
  private FakeOptimoveServer server;
  private OptimoveClient client;
  private volatile boolean checked;

  /** Per calling thread: its own service object and identity scope. */
  @State(Scope.Thread)
  public static class Caller {
    final Newsletter newsletter = new Newsletter();
    String email = "ada.lovelace@example.com";
    boolean optIn = true;
    OptimoveContext.Scope scope;

    @Setup(Level.Trial)
    public void open() {
      scope = OptimoveContext.customer("c-1001");
    }

    @TearDown(Level.Trial)
    public void close() {
      scope.close();
    }
  }

  @Setup(Level.Trial)
  public void startEndpoint() {
    server = Fixtures.slowServer(Duration.ofHours(1));
  }

  @Setup(Level.Iteration)
  public void connectFreshClient(BenchmarkParams params) {
    client = Fixtures.connected(Fixtures.sharedByThreads(server, params.getThreads()));
    if (!checked) {
      Fixtures.requireNewsletterWoven(client, n -> {});
      checked = true;
    }
  }

  @TearDown(Level.Iteration)
  public void closeClient() {
    OptimoveReporting.disconnect(client);
    Fixtures.closeRequiringNoLoss(client);
  }

  @TearDown(Level.Trial)
  public void stopEndpoint() {
    server.close();
  }

  /** Two threads, one client: the woven method. */
  @Benchmark
  public void woven(Caller caller, CallerAllocation alloc) {
    caller.newsletter.signUp(caller.email, caller.optIn);
    alloc.call();
  }
}
