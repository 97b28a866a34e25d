package dev.optievent.benchmarks;

import dev.optievent.aspect.OptimoveContext;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.benchmarks.services.Newsletter;
import dev.optievent.benchmarks.services.Subscriptions;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue item 1: what {@code @OptimoveEvent} costs the calling thread when the event is accepted and
 * queued, against the identical method without the annotation.
 *
 * <p>"Accepted" is the healthy case as the caller sees it: the event passes the checks and goes
 * into a queue with room. A tight loop produces millions of events a second, far more than any
 * endpoint takes, so against a live endpoint the queue would be full within milliseconds and the
 * loop would measure the drop path instead (that is {@link OutageCallerCostBenchmark}). Here every
 * iteration therefore gets a fresh connected client with room for every call of the iteration
 * (short iterations, a large queue), whose endpoint holds its answers back: nothing is delivered
 * while the caller is measured, so no delivery work competes with it for the two cores. The
 * caller's path does not depend on that: an offer that finds room is the same whatever the sender
 * is doing. A teardown fails the run if a single event was dropped or rejected.
 *
 * <p>Allocation: JMH's GC profiler counts every thread from before an iteration's setup to after
 * its teardown, and the teardown closes the throw-away client, which drops each queued event as
 * {@code shutdown} (about 150 B each with the current drop path). So its B/op here is an upper
 * bound; {@link CallerAllocation}'s {@code callerBytes} (the calling thread, measured calls only)
 * is the caller's cost. In {@link OutageCallerCostBenchmark}, which closes nothing per iteration,
 * the two agree.
 *
 * <p>The customer comes from an {@link OptimoveContext} scope opened on the benchmark thread.
 */
@Warmup(iterations = 20, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class CallerCostBenchmark extends CallerCostFork {
  /** Room for every call of one iteration (100 ms warm-up, 20 ms measured), with a margin. */
  static final int CAPACITY = 2_000_000;

  private final Newsletter newsletter = new Newsletter();
  private final Subscriptions subscriptions = new Subscriptions();
  private String email = "ada.lovelace@example.com";
  private boolean optIn = true;
  private String channel = "web";
  private Subscriptions.Subscribe command =
      new Subscriptions.Subscribe("a-77", new Subscriptions.Plan("pro", 5));

  private FakeOptimoveServer server;
  private OptimoveContext.Scope scope;
  private OptimoveClient client;
  private boolean checked;

  @Setup(Level.Trial)
  public void startEndpoint() {
    // Answers after an hour: the client's requests stay in flight and the sender stays idle.
    server = Fixtures.slowServer(Duration.ofHours(1));
    scope = OptimoveContext.customer("c-1001");
  }

  @Setup(Level.Iteration)
  public void connectFreshClient() {
    client =
        Fixtures.connected(
            Fixtures.holdingEveryCall(
                    Fixtures.spoolIfAsked(Fixtures.defaults(server.endpoint())), CAPACITY)
                .build());
    if (!checked) {
      Fixtures.requireWoven(
          client,
          "newsletter_signup",
          () -> newsletter.signUp(email, optIn),
          () -> newsletter.signUpPlain(email, optIn));
      Fixtures.requireWoven(
          client,
          "plan_subscribed",
          () -> subscriptions.subscribe(command, channel),
          () -> subscriptions.subscribePlain(command, channel));
      checked = true;
    }
  }

  @TearDown(Level.Iteration)
  public void closeClient() {
    ClientStats stats = client.stats();
    OptimoveReporting.disconnect(client);
    client.close();
    Fixtures.deleteSpools();
    if (stats.dropped() + stats.rejected() > 0) {
      throw new IllegalStateException(
          "the accepted-path benchmark dropped or rejected events, so"
              + " it did not measure the accepted path: "
              + stats);
    }
  }

  @TearDown(Level.Trial)
  public void stopEndpoint() {
    scope.close();
    server.close();
  }

  /** Baseline: the method without the annotation. */
  @Benchmark
  public void plain(CallerAllocation alloc) {
    newsletter.signUpPlain(email, optIn);
    alloc.call();
  }

  /** The woven method: two {@code @EventParam} arguments and the customer from the context. */
  @Benchmark
  public void woven(CallerAllocation alloc) {
    newsletter.signUp(email, optIn);
    alloc.call();
  }

  /** Baseline of {@link #wovenPath}. */
  @Benchmark
  public void plainPath(CallerAllocation alloc) {
    subscriptions.subscribePlain(command, channel);
    alloc.call();
  }

  /** The woven method with a nested {@code path} ({@code plan.name}). */
  @Benchmark
  public void wovenPath(CallerAllocation alloc) {
    subscriptions.subscribe(command, channel);
    alloc.call();
  }
}
