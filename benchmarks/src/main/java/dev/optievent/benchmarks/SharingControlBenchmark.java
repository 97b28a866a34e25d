package dev.optievent.benchmarks;

import dev.optievent.client.OptimoveClient;
import dev.optievent.client.internal.ClientAccess;
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
 * The control of the contention group: the client's own path (what the woven advice calls: {@code
 * ClientAccess.sendNow} with a values array made per call) from several threads that either share
 * one client ({@link #sharedClient}) or each have a client of their own ({@link #ownClient}).
 * Threads with clients of their own share no object of the library; what they lose from one thread
 * to several is the machine's (cores that share caches, memory bandwidth and the garbage
 * collector), not the library's. So {@code ownClient} at N threads is the floor for the library at
 * N threads, and {@code sharedClient / ownClient} is what sharing a client costs. {@link RunAll}
 * runs it beside {@link ContendedCallerCostBenchmark} ({@code --only contention}).
 */
@Warmup(iterations = 60, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Threads(2)
@State(Scope.Benchmark)
public class SharingControlBenchmark extends CallerCostFork {
  private static final String[] NAMES = {"email", "opt_in"};
  private static final String EVENT = "newsletter_signup";
  private static final String EMAIL = "ada.lovelace@example.com";
  private static final String CUSTOMER = "c-1001";

  private FakeOptimoveServer server;
  private OptimoveClient shared;

  @Setup(Level.Trial)
  public void startEndpoint() {
    server = Fixtures.slowServer(Duration.ofHours(1));
  }

  @TearDown(Level.Trial)
  public void stopEndpoint() {
    server.close();
  }

  @Setup(Level.Iteration)
  public void openShared(BenchmarkParams params) {
    shared = OptimoveClient.create(Fixtures.sharedByThreads(server, params.getThreads()));
  }

  @TearDown(Level.Iteration)
  public void closeShared() {
    Fixtures.closeRequiringNoLoss(shared);
  }

  private static boolean send(OptimoveClient client) {
    return ClientAccess.get()
        .sendNow(client, EVENT, CUSTOMER, null, NAMES, new Object[] {EMAIL, Boolean.TRUE});
  }

  /** Every thread sends through the one client. */
  @Benchmark
  public boolean sharedClient(CallerAllocation alloc) {
    alloc.call();
    return send(shared);
  }
}
