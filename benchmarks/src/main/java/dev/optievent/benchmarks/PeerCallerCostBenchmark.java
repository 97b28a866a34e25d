package dev.optievent.benchmarks;

import dev.optievent.testing.FakeOptimoveServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 33: what reporting one event costs the calling thread with each SDK, in the same run: this
 * library's {@code OptimoveClient.send} and the Java SDKs of Segment, PostHog and Amplitude, each
 * one instance shared by the callers (1 or 8 threads), against a loopback endpoint that answers at
 * once as its service would. Every SDK sends in the background meanwhile, as it would in an
 * application, so its sender's work competes with the callers for the two cores; {@link
 * CallerAllocation} charges the calling threads only (their CPU time and bytes).
 *
 * <p>A fresh instance per iteration, closed (its documented shutdown) after it: the peers' queues
 * are unbounded, and a tight loop would otherwise grow them through the whole run. This library's
 * client gets room for every call of an iteration for the same reason (with its default 10,000 the
 * loop would soon measure its drop path, which {@link OutageCallerCostBenchmark} covers).
 */
@Warmup(iterations = 20, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class PeerCallerCostBenchmark extends CallerCostFork {
  @Param({"optievent", "segment", "posthog", "amplitude"})
  public String sdk;

  private PeerEndpoint peers;
  private FakeOptimoveServer optimove;
  private PeerSdk client;

  @Setup(Level.Trial)
  public void startEndpoints() {
    peers = PeerEndpoint.start();
    optimove = Fixtures.fastServer();
  }

  @Setup(Level.Iteration)
  public void openSdk() {
    client = PeerSdk.open(sdk, peers, optimove, 8 * CallerCostBenchmark.CAPACITY);
  }

  @TearDown(Level.Iteration)
  public void closeSdk() {
    client.close();
  }

  @TearDown(Level.Trial)
  public void stopEndpoints() {
    peers.close();
    optimove.close();
  }

  /** The caller, per thread: its customer and values. */
  @State(Scope.Thread)
  public static class Caller {
    final String customer = "c-" + Thread.currentThread().getId();
    final String email = "ada.lovelace@example.com";
    boolean optIn = true;
  }

  /** One calling thread. */
  @Benchmark
  @Threads(1)
  public void oneCaller(Caller caller, CallerAllocation alloc) {
    client.track(caller.customer, caller.email, caller.optIn);
    alloc.call();
  }

  /** Eight calling threads sharing the SDK instance. */
  @Benchmark
  @Threads(8)
  public void eightCallers(Caller caller, CallerAllocation alloc) {
    client.track(caller.customer, caller.email, caller.optIn);
    alloc.call();
  }
}
