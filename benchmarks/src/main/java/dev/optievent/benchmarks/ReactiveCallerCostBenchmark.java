package dev.optievent.benchmarks;

import dev.optievent.aspect.OptimoveContext;
import dev.optievent.aspect.OptimoveReactorContext;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.benchmarks.services.ReactiveOrders;
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
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.util.context.Context;

/**
 * Issue 31: what {@code @OptimoveEvent} adds to a call that returns a {@code Mono}, against the
 * identical method without the annotation, each call subscribed to at once and run to completion on
 * the calling thread (a {@code Mono.just}: the work itself costs next to nothing, so the difference
 * is the reporting's whole cost: the around advice, the decorated Mono, its callback and the
 * event's acceptance). Two identities: the calling thread's {@code OptimoveContext} scope, read at
 * the call, and the subscription's Reactor context ({@code OptimoveReactorContext}, written with
 * {@code contextWrite} on both sides), read per subscription. The client and endpoint are set up as
 * in {@link CallerCostBenchmark}: a fresh client per iteration with room for every call, an
 * endpoint that holds its answers back, and a teardown that fails the run on any drop.
 */
@Warmup(iterations = 20, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class ReactiveCallerCostBenchmark extends CallerCostFork {
  private final ReactiveOrders orders = new ReactiveOrders();
  private final Context customer = OptimoveReactorContext.customer("c-1001");
  private String sku = "sku-42";
  private int total = 1999;

  private FakeOptimoveServer server;
  private OptimoveClient client;
  private boolean checked;

  /** Takes the Mono's value: a minimal subscriber, the same on both sides. */
  static final class Taker implements CoreSubscriber<Integer> {
    int value;

    @Override
    public void onSubscribe(Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Integer item) {
      value = item;
    }

    @Override
    public void onError(Throwable error) {
      throw new IllegalStateException(error);
    }

    @Override
    public void onComplete() {}
  }

  /** The calling thread's customer, for the benchmarks that read it at the call. */
  @State(Scope.Thread)
  public static class CustomerScope {
    private OptimoveContext.Scope scope;

    @Setup(Level.Iteration)
    public void open() {
      scope = OptimoveContext.customer("c-1001");
    }

    @TearDown(Level.Iteration)
    public void close() {
      scope.close();
    }
  }

  @Setup(Level.Trial)
  public void startEndpoint() {
    server = Fixtures.slowServer(Duration.ofHours(1));
  }

  @Setup(Level.Iteration)
  public void connectFreshClient() {
    client =
        Fixtures.connected(
            Fixtures.holdingEveryCall(
                    Fixtures.defaults(server.endpoint()), CallerCostBenchmark.CAPACITY)
                .build());
    if (!checked) {
      Fixtures.requireWoven(
          client,
          "order_placed",
          () -> orders.place(sku, total).contextWrite(customer).subscribe(new Taker()),
          () -> orders.placePlain(sku, total).contextWrite(customer).subscribe(new Taker()));
      checked = true;
    }
  }

  @TearDown(Level.Iteration)
  public void closeClient() {
    ClientStats stats = client.stats();
    OptimoveReporting.disconnect(client);
    client.close();
    if (stats.dropped() + stats.rejected() > 0) {
      throw new IllegalStateException("the benchmark dropped or rejected events: " + stats);
    }
  }

  @TearDown(Level.Trial)
  public void stopEndpoint() {
    server.close();
  }

  /** Baseline: the method without the annotation, subscribed to. */
  @Benchmark
  public int plain(CustomerScope scope, CallerAllocation alloc) {
    Taker taker = new Taker();
    orders.placePlain(sku, total).subscribe(taker);
    alloc.call();
    return taker.value;
  }

  /** The woven method, the customer from the calling thread's scope. */
  @Benchmark
  public int woven(CustomerScope scope, CallerAllocation alloc) {
    Taker taker = new Taker();
    orders.place(sku, total).subscribe(taker);
    alloc.call();
    return taker.value;
  }

  /** Baseline of {@link #wovenReactorContext}: the same {@code contextWrite}. */
  @Benchmark
  public int plainReactorContext(CallerAllocation alloc) {
    Taker taker = new Taker();
    orders.placePlain(sku, total).contextWrite(customer).subscribe(taker);
    alloc.call();
    return taker.value;
  }

  /** The woven method, the customer from the subscription's Reactor context. */
  @Benchmark
  public int wovenReactorContext(CallerAllocation alloc) {
    Taker taker = new Taker();
    orders.place(sku, total).contextWrite(customer).subscribe(taker);
    alloc.call();
    return taker.value;
  }
}
