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
 * Issue item 3: what the woven method costs the caller while the endpoint is down or slow and every
 * request times out, under the default overflow policy ({@code DROP_NEWEST}): the queue is full, so
 * every call builds its event, checks it, finds no room and counts it as dropped ({@code
 * queue_full}). Compared with {@link CallerCostBenchmark}, same iterations.
 *
 * <p>One client for the whole run, default settings except a 1 s request timeout, so that requests
 * really do time out (and are retried, with backoff) while the caller is measured; the endpoint
 * answers after an hour. The setup fills the queue and checks that calls are dropped.
 */
@Warmup(iterations = 20, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class OutageCallerCostBenchmark extends CallerCostFork {
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

  @Setup(Level.Trial)
  public void fillTheQueue() {
    server = Fixtures.slowServer(Duration.ofHours(1));
    client = Fixtures.outageClient(server);
    scope = OptimoveContext.customer("c-1001");
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
    Fixtures.fillQueue(client, () -> newsletter.signUp(email, optIn));
  }

  @TearDown(Level.Iteration)
  public void checkStillFull() {
    ClientStats s = client.stats();
    if (s.delivered() > 0) {
      throw new IllegalStateException("the 'outage' endpoint delivered events: " + s);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    scope.close();
    OptimoveReporting.disconnect(client);
    client.close();
    server.close();
  }

  /** Baseline: the method without the annotation. */
  @Benchmark
  public void plain(CallerAllocation alloc) {
    newsletter.signUpPlain(email, optIn);
    alloc.call();
  }

  /** The woven method while its events are dropped ({@code queue_full}). */
  @Benchmark
  public void woven(CallerAllocation alloc) {
    newsletter.signUp(email, optIn);
    alloc.call();
  }

  /** The woven method with a nested path while its events are dropped. */
  @Benchmark
  public void wovenPath(CallerAllocation alloc) {
    subscriptions.subscribe(command, channel);
    alloc.call();
  }
}
