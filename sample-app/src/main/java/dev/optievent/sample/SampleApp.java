package dev.optievent.sample;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.optievent.aspect.OptimoveContext;
import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.guice.OptimoveModule;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a short scripted scenario against the annotated services and prints what was delivered.
 *
 * <p>With {@code OPTIMOVE_ENDPOINT} and {@code OPTIMOVE_TENANT} set, it reports there. Without
 * them, it starts {@link FakeOptimoveServer} on loopback as its endpoint and prints each event the
 * endpoint received.
 */
public final class SampleApp {
  /** The tenant used with the embedded endpoint. */
  static final long EMBEDDED_TENANT = 999;

  private SampleApp() {}

  /**
   * Entry point.
   *
   * @param args ignored
   * @throws Exception if the scenario cannot run or an event was not delivered
   */
  public static void main(String[] args) throws Exception {
    int undelivered = run(System.getenv(), System.out);
    if (undelivered != 0) {
      // Fails the run (and the Maven build that started it) rather than ending the JVM.
      throw new IllegalStateException(undelivered + " events were not delivered");
    }
  }

  /**
   * Runs the scenario.
   *
   * @param env the environment to read {@code OPTIMOVE_*} settings from
   * @param out where to print
   * @return the number of events not delivered (0 when all were)
   * @throws Exception if the scenario cannot run
   */
  static int run(Map<String, String> env, PrintStream out) throws Exception {
    FakeOptimoveServer embedded = null;
    OptimoveConfig config;
    if (OptimoveConfig.isConfiguredIn(env)) {
      config = OptimoveConfig.fromEnvironment(env);
      out.println("Reporting to " + config.endpoint() + " (tenant " + config.tenant() + ")");
    } else {
      embedded = FakeOptimoveServer.builder().expectedTenant(EMBEDDED_TENANT).start();
      config =
          OptimoveConfig.builder().endpoint(embedded.endpoint()).tenant(EMBEDDED_TENANT).build();
      out.println(
          "No OPTIMOVE_ENDPOINT set: reporting to the embedded FakeOptimoveServer at "
              + embedded.endpoint());
    }
    try {
      Injector injector = Guice.createInjector(new OptimoveModule(config));
      int expected = new Scenario(injector).run(out);
      OptimoveClient client = injector.getInstance(OptimoveClient.class);
      // An async method's event is handed over just after its stage completes, on the thread
      // that completed it: give those hand-overs a moment before flushing.
      awaitAccepted(client, expected, Duration.ofSeconds(5));
      client.flush(Duration.ofSeconds(10));
      client.close();
      ClientStats stats = client.stats();
      if (embedded != null) {
        // Requests travel in parallel, so arrival order varies: show them in event-time order.
        List<ReceivedEvent> received = new ArrayList<>(embedded.acceptedEvents());
        received.sort(Comparator.comparing(ReceivedEvent::timestamp));
        out.println("The endpoint received:");
        for (ReceivedEvent e : received) {
          out.println("  " + e.rawJson());
        }
      }
      out.println(
          "delivered "
              + stats.delivered()
              + " of "
              + expected
              + " events"
              + (stats.delivered() == expected ? "" : "  (stats: " + stats + ")"));
      return (int) (expected - stats.delivered());
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static void awaitAccepted(OptimoveClient client, int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (client.stats().accepted() < expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** The scripted calls; returns how many events they should report. */
  private static final class Scenario {
    private final NewsletterService newsletter;
    private final CheckoutService checkout;
    private final CatalogService catalog;
    private final LoyaltyService loyalty;

    Scenario(Injector injector) {
      newsletter = injector.getInstance(NewsletterService.class);
      checkout = injector.getInstance(CheckoutService.class);
      catalog = injector.getInstance(CatalogService.class);
      loyalty = injector.getInstance(LoyaltyService.class);
    }

    int run(PrintStream out) {
      int events = 0;
      newsletter.signUp("c-1001", "ada@example.com", true);
      newsletter.signUp("c-1002", "grace@example.com", false);
      newsletter.signUp("c-1003", "alan@example.com", true);
      events += 3;

      // The request's customer, as a web filter would set it.
      try (OptimoveContext.Scope scope = OptimoveContext.customer("c-1001")) {
        checkout.checkout(new Cart(2, new BigDecimal("59.90"), "USD"));
        checkout.checkout(new Cart(1, new BigDecimal("1250.00"), "USD"));
        try {
          checkout.checkout(new Cart(0, BigDecimal.ZERO, "USD"));
        } catch (PaymentDeclinedException e) {
          out.println("checkout failed as scripted (" + e.getMessage() + "): no event for it");
        }
      }
      try (OptimoveContext.Scope scope = OptimoveContext.customer("c-1002")) {
        checkout.checkout(new Cart(3, new BigDecimal("17.25"), "USD"));
      }
      events += 3;

      catalog.viewProduct("v-7f3a", "sku-1");
      catalog.viewProduct("v-7f3a", "sku-2");
      catalog.viewProduct("v-91bc", "sku-1");
      events += 3;

      CompletableFuture.allOf(
              loyalty.award("c-1001", 60).toCompletableFuture(),
              loyalty.award("c-1002", 125).toCompletableFuture(),
              loyalty.award("c-1003", 10).toCompletableFuture())
          .join();
      events += 3;
      return events;
    }
  }
}
