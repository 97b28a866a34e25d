package dev.optievent.benchmarks;

import dev.optievent.testing.FakeOptimoveServer;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * once as its service would, or that refuses every connection (an outage: each SDK retries or keeps
 * its events as it does). Every SDK sends in the background meanwhile, as it would in an
 * application, so its sender's work competes with the callers for the two cores; {@link
 * CallerAllocation} charges the calling threads only (their CPU time and bytes).
 *
 * <p>Answering: a fresh instance per iteration, closed (its documented shutdown) after it: the
 * peers' queues are unbounded, and a tight loop would otherwise grow them through the whole run.
 * This library's client gets room for every call of an iteration for the same reason (with its
 * default 10,000 the loop would soon measure its drop path, which {@link OutageCallerCostBenchmark}
 * covers).
 *
 * <p>Refusing: one instance per trial, with its default settings, whose shutdown is left to a
 * daemon thread (PostHog's retries take 40 s, Amplitude's threads outlive it). So this library's
 * client keeps its default 10,000 events and then drops each new one, counted, as it would in an
 * outage; the peers keep every event of the trial (their queues are unbounded).
 */
@Warmup(iterations = 20, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class PeerCallerCostBenchmark extends CallerCostFork {
  @Param({"optievent", "optievent-woven", "segment", "posthog", "amplitude"})
  public String sdk;

  /** {@code answering}: at once; {@code refusing}: every connection is refused. */
  @Param({"answering", "refusing"})
  public String endpoint;

  private PeerEndpoint peers;
  private FakeOptimoveServer optimove;
  private URI optimoveEndpoint;
  private PeerSdk client;

  @Setup(Level.Trial)
  public void startEndpoints() {
    peers = PeerEndpoint.start();
    optimove = Fixtures.fastServer();
    optimoveEndpoint = optimove.endpoint();
    if (endpoint.equals("refusing")) {
      peers.refuse();
      optimoveEndpoint = URI.create(peers.httpBase() + "/v1/events");
    }
  }

  @Setup(Level.Iteration)
  public void openSdk() {
    if (!refusing()) {
      client = PeerSdk.open(sdk, peers, optimoveEndpoint, 8 * CallerCostBenchmark.CAPACITY);
    } else if (client == null) {
      client = PeerSdk.withDefaults(sdk, peers, optimoveEndpoint);
    }
  }

  @TearDown(Level.Iteration)
  public void closeSdk() {
    if (!refusing()) {
      client.close();
    }
  }

  @TearDown(Level.Trial)
  public void stopEndpoints() {
    if (refusing()) {
      // Shutting down against a refusing endpoint takes PostHog 40 s of retries: not measured here.
      client.closeInBackground();
    }
    peers.close();
    optimove.close();
  }

  private boolean refusing() {
    return endpoint.equals("refusing");
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

  /**
   * Whether a warm caller ever blocks: eight threads as above, each call's wall time sampled
   * (percentiles and the longest, after the warm-up; a GC pause stops every SDK's callers alike).
   */
  @Benchmark
  @Threads(8)
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void eightCallersSampled(Caller caller) {
    client.track(caller.customer, caller.email, caller.optIn);
  }
}
