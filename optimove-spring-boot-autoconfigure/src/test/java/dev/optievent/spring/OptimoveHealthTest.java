package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The {@code optimove} health contributor: counts, last success, outage UP unless asked. */
class OptimoveHealthTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    OptimoveReporting.disconnect();
    server.close();
  }

  private ApplicationContextRunner runner() {
    return OptimoveContexts.reportingTo(server)
        .withBean(Signups.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1");
  }

  private static Health health(org.springframework.context.ApplicationContext context) {
    return context.getBean("optimoveHealthIndicator", HealthIndicator.class).health(true);
  }

  @Test
  void theContributorListensToNoEventSoDeliveriesKeepTheirFastPath() {
    runner()
        .run(
            context -> {
              assertThat(context).hasBean("optimoveHealthIndicator");
              assertThat(context.getBeansOfType(DeliveryListener.class))
                  .as("a DeliveryListener sends every delivery through the listener thread")
                  .isEmpty();
            });
  }

  @Test
  void showsWhatWasDeliveredAndWhen() {
    runner()
        .run(
            context -> {
              assertThat(health(context).getDetails()).containsEntry("lastSuccess", "never");
              context.getBean(Signups.class).signUp("a@example.com");
              assertThat(context.getBean(OptimoveClient.class).flush(WAIT)).isTrue();

              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> !"never".equals(health(context).getDetails().get("lastSuccess")));
              Health health = health(context);
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("delivered", 1L)
                  .containsEntry("dropped", 0L)
                  .containsEntry("pending", 0L)
                  .containsEntry("outage", false);
            });
  }

  @Test
  void anOutageStaysUpByDefaultAndGoesDownOnlyWhenAsked() {
    Fault[] outage = new Fault[200];
    Arrays.fill(outage, Fault.status(503));
    String[] fastRetries = {
      "optimove.retry-base-delay=10ms",
      "optimove.retry-max-delay=20ms",
      "optimove.max-attempts=1000",
      "optimove.health.outage-after=1ms",
      "optimove.shutdown-timeout=0s"
    };
    server.script(outage);
    runner()
        .withPropertyValues(fastRetries)
        .run(
            context -> {
              context.getBean(Signups.class).signUp("a@example.com");
              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> Boolean.TRUE.equals(health(context).getDetails().get("outage")));
              assertThat(health(context).getStatus()).isEqualTo(Status.UP);
            });
    server.reset();
    server.script(outage);
    runner()
        .withPropertyValues(fastRetries)
        .withPropertyValues("optimove.health.down-on-outage=true")
        .run(
            context -> {
              context.getBean(Signups.class).signUp("a@example.com");
              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> health(context).getStatus().equals(Status.DOWN));
            });
  }

  @Test
  void aClosedClientIsDown() {
    runner()
        .run(
            context -> {
              assertThat(health(context).getStatus()).isEqualTo(Status.UP);
              context.getBean(OptimoveClient.class).close();
              assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
            });
  }

  @Test
  void retriesThatEndedInDeliveryAreNoOutage() {
    server.script(Fault.status(503));
    runner()
        .withPropertyValues(
            "optimove.retry-base-delay=10ms",
            "optimove.retry-max-delay=20ms",
            "optimove.health.outage-after=1ms",
            "optimove.health.down-on-outage=true")
        .run(
            context -> {
              OptimoveClient client = context.getBean(OptimoveClient.class);
              context.getBean(Signups.class).signUp("a@example.com");
              assertThat(client.flush(WAIT)).isTrue();
              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> !"never".equals(health(context).getDetails().get("lastSuccess")));
              Instant success =
                  Instant.parse((String) health(context).getDetails().get("lastSuccess"));
              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> Instant.now().isAfter(success.plusMillis(20)));

              Health health = health(context);
              assertThat(health.getDetails())
                  .containsEntry("retries", 1L)
                  .containsEntry("pending", 0L)
                  .containsEntry("outage", false);
              assertThat(health.getStatus()).isEqualTo(Status.UP);
            });
  }

  @Test
  void aRequestStillUnderwayWithoutRetriesOrDropsIsNoOutage() {
    server.script(Fault.delay(Duration.ofSeconds(3)));
    runner()
        .withPropertyValues(
            "optimove.health.outage-after=1ms",
            "optimove.health.down-on-outage=true",
            "optimove.shutdown-timeout=0s")
        .run(
            context -> {
              context.getBean(Signups.class).signUp("a@example.com");
              Awaitility.await().atMost(WAIT).until(() -> server.requestCount() == 1);

              Health health = health(context);
              assertThat(health.getDetails())
                  .containsEntry("pending", 1L)
                  .containsEntry("retries", 0L)
                  .containsEntry("dropped", 0L)
                  .containsEntry("outage", false);
              assertThat(health.getStatus()).isEqualTo(Status.UP);
            });
  }

  @Test
  void dropsWithoutRetriesWhileEventsWaitAreAnOutage() {
    server.script(Fault.delay(Duration.ofSeconds(3)));
    runner()
        .withPropertyValues(
            "optimove.max-attempts=1",
            "optimove.health.outage-after=1ms",
            "optimove.health.down-on-outage=true",
            "optimove.shutdown-timeout=0s")
        .run(
            context -> {
              OptimoveClient client = context.getBean(OptimoveClient.class);
              Signups signups = context.getBean(Signups.class);
              // A drop that needs no retry (transport failures are retried until maxEventAge).
              client.send(Event.builder("newsletter_signup").build()); // no identity
              Awaitility.await().atMost(WAIT).until(() -> client.stats().dropped() == 1);
              rolledBack(() -> signups.signUp("rolled-back@example.com")); // not the outage
              signups.signUp("b@example.com");
              Awaitility.await().atMost(WAIT).until(() -> server.requestCount() == 1);

              Health health = health(context);
              assertThat(health.getDetails())
                  .containsEntry("pending", 1L)
                  .containsEntry("retries", 0L)
                  .containsEntry("dropped", 1L)
                  .containsEntry("rolledBack", 1L)
                  .containsEntry("outage", true);
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            });
  }

  /** Runs {@code work} in a transaction (synchronization only, no resource) that rolls back. */
  private static void rolledBack(Runnable work) {
    TransactionSynchronizationManager.initSynchronization();
    TransactionSynchronizationManager.setActualTransactionActive(true);
    try {
      work.run();
      for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
        s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
      }
    } finally {
      TransactionSynchronizationManager.clear();
    }
  }
}
