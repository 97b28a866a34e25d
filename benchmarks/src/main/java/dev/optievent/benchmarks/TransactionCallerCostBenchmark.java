package dev.optievent.benchmarks;

import dev.optievent.aspect.OptimoveContext;
import dev.optievent.benchmarks.services.Newsletter;
import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveClient;
import dev.optievent.spring.OptimoveAutoConfiguration;
import dev.optievent.spring.OptimoveConfigCustomizer;
import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Issue 29: what {@code @OptimoveEvent} costs the calling thread inside a Spring-managed
 * transaction, where the Spring Boot starter holds the event until the commit and hands it to the
 * client then, on the same thread. Each transactional call is a whole transaction: begin, the
 * method, commit. The transaction manager does no work of its own (no database), so the difference
 * between {@link #wovenInTransaction} and {@link #plainInTransaction} is the hold's cost, capture
 * and hand-over included; {@link #woven} and {@link #plain} are the same calls without a
 * transaction, in the same run.
 *
 * <p>Each iteration gets a fresh application context (the starter's auto-configuration, a client
 * whose queue has room for every call and whose endpoint holds its answers back, as in {@link
 * CallerCostBenchmark}). A teardown fails the run if an event was dropped, rejected or rolled back.
 */
@Warmup(iterations = 20, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class TransactionCallerCostBenchmark extends CallerCostFork {

  /** A transaction manager with no resource: begin and commit are Spring's bookkeeping alone. */
  static final class NoResourceTransactions extends AbstractPlatformTransactionManager {
    private static final long serialVersionUID = 1L;

    @Override
    protected Object doGetTransaction() {
      return new Object();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {}

    @Override
    protected void doCommit(DefaultTransactionStatus status) {}

    @Override
    protected void doRollback(DefaultTransactionStatus status) {}
  }

  private final Newsletter newsletter = new Newsletter();
  private final NoResourceTransactions transactions = new NoResourceTransactions();
  private final TransactionDefinition definition = new DefaultTransactionDefinition();
  private String email = "ada.lovelace@example.com";
  private boolean optIn = true;

  private FakeOptimoveServer server;
  private OptimoveContext.Scope scope;
  private AnnotationConfigApplicationContext context;
  private OptimoveClient client;

  @Setup(Level.Trial)
  public void startEndpoint() {
    server = Fixtures.slowServer(Duration.ofHours(1));
    scope = OptimoveContext.customer("c-1001");
  }

  @Setup(Level.Iteration)
  public void startContext() {
    context = new AnnotationConfigApplicationContext();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "benchmark",
                Map.of(
                    "optimove.endpoint", server.endpoint().toString(),
                    "optimove.tenant", String.valueOf(Fixtures.TENANT))));
    context.registerBean(
        OptimoveConfigCustomizer.class,
        () -> builder -> Fixtures.holdingEveryCall(builder, CallerCostBenchmark.CAPACITY));
    context.register(OptimoveAutoConfiguration.class);
    context.refresh();
    client = context.getBean(OptimoveClient.class);
    long before = client.stats().accepted();
    TransactionStatus status = transactions.getTransaction(definition);
    newsletter.signUp(email, optIn);
    if (client.stats().accepted() != before) {
      throw new IllegalStateException("the event was not held by its transaction");
    }
    transactions.commit(status);
    if (client.stats().accepted() != before + 1) {
      throw new IllegalStateException(
          "the woven call was not reported at commit: is the benchmark module woven?");
    }
  }

  @TearDown(Level.Iteration)
  public void closeContext() {
    ClientStats stats = client.stats();
    context.close();
    if (stats.dropped() + stats.rejected() + stats.rolledBack() > 0) {
      throw new IllegalStateException(
          "the transaction benchmark lost events, so it did not measure the accepted path: "
              + stats);
    }
  }

  @TearDown(Level.Trial)
  public void stopEndpoint() {
    scope.close();
    server.close();
  }

  /** Baseline: the method without the annotation, no transaction. */
  @Benchmark
  public void plain(CallerAllocation alloc) {
    newsletter.signUpPlain(email, optIn);
    alloc.call();
  }

  /** The woven method, no transaction: sent at the return. */
  @Benchmark
  public void woven(CallerAllocation alloc) {
    newsletter.signUp(email, optIn);
    alloc.call();
  }

  /** Baseline in a transaction: begin, the method without the annotation, commit. */
  @Benchmark
  public void plainInTransaction(CallerAllocation alloc) {
    TransactionStatus status = transactions.getTransaction(definition);
    newsletter.signUpPlain(email, optIn);
    transactions.commit(status);
    alloc.call();
  }

  /** Begin, the woven method (its event held), commit (the event handed to the client). */
  @Benchmark
  public void wovenInTransaction(CallerAllocation alloc) {
    TransactionStatus status = transactions.getTransaction(definition);
    newsletter.signUp(email, optIn);
    transactions.commit(status);
    alloc.call();
  }
}
