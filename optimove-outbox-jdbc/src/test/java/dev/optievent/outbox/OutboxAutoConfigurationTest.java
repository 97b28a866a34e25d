package dev.optievent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.outbox.woven.WovenOrders;
import dev.optievent.spring.OptimoveAutoConfiguration;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox in a real application context (H2, {@code JdbcTemplate}, {@code
 * DataSourceTransactionManager}, a {@code @Transactional} service through proxies): events are
 * stored in the caller's transaction and handed over right after the commit (the relay's poll is an
 * hour here, so only the hand-over can send them), never for a rollback.
 */
class OutboxAutoConfigurationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void stop() {
    OptimoveReporting.disconnect();
    server.close();
  }

  /** A database that can stop giving connections, as an exhausted pool does. */
  static final class Failing extends org.springframework.jdbc.datasource.DelegatingDataSource {
    final java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean();

    Failing(DataSource target) {
      super(target);
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
      if (down.get()) {
        throw new java.sql.SQLTransientConnectionException("pool exhausted");
      }
      return super.getConnection();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @Import(OrdersApplication.class)
  static class Database {
    @Bean
    Failing dataSource() {
      DataSource h2 = TestDatabases.h2();
      new JdbcTemplate(h2).execute("create table orders (id varchar(20) primary key)");
      return new Failing(h2);
    }
  }

  private ApplicationContextRunner app() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                OptimoveAutoConfiguration.class, OptimoveOutboxAutoConfiguration.class))
        .withUserConfiguration(Database.class)
        .withPropertyValues(
            "optimove.endpoint=" + server.endpoint(),
            "optimove.tenant=42",
            "optimove.shutdown-timeout=2s",
            "optimove.outbox.enabled=true",
            "optimove.outbox.poll-interval=1h");
  }

  private static long outboxRows(AssertableApplicationContext context) {
    return context
        .getBean(JdbcTemplate.class)
        .queryForObject("select count(*) from optimove_outbox", Long.class);
  }

  @Test
  void aCommittedEventIsStoredInItsTransactionAndHandedOverRightAfterTheCommit() {
    app()
        .run(
            context -> {
              context
                  .getBean(TransactionTemplate.class)
                  .executeWithoutResult(
                      status -> {
                        context.getBean(Orders.class).place("c-1", "o-1");
                        // Stored in this very transaction, and not handed over before its commit.
                        assertThat(outboxRows(context)).isEqualTo(1);
                        assertThat(server.requestCount()).isZero();
                      });

              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> server.acceptedCount() == 1 && outboxRows(context) == 0);
              ReceivedEvent event = server.acceptedEvents().get(0);
              assertThat(event.event()).isEqualTo("order_placed");
              assertThat(event.customer()).isEqualTo("c-1");
              assertThat(event.context()).containsEntry("order_id", "o-1");
            });
  }

  @Test
  void aRolledBackTransactionTakesItsEventWithItAndNothingIsSent() {
    app()
        .run(
            context -> {
              assertThatThrownBy(
                      () ->
                          context
                              .getBean(TransactionTemplate.class)
                              .executeWithoutResult(
                                  status -> {
                                    context.getBean(Orders.class).place("c-1", "o-1");
                                    throw new IllegalStateException("fraud check failed");
                                  }))
                  .hasMessage("fraud check failed");

              OptimoveClient client = context.getBean(OptimoveClient.class);
              assertThat(client.flush(WAIT)).isTrue();
              assertThat(outboxRows(context)).isZero();
              assertThat(server.acceptedEvents()).isEmpty();
              assertThat(client.stats().rolledBack()).isEqualTo(1);
            });
  }

  @Test
  void aNestedTransactionRolledBackToItsSavepointTakesItsRowAndSendsNothingOfIt() {
    app()
        .run(
            context -> {
              TransactionTemplate outer = context.getBean(TransactionTemplate.class);
              TransactionTemplate nested = new TransactionTemplate(outer.getTransactionManager());
              nested.setPropagationBehavior(TransactionTemplate.PROPAGATION_NESTED);
              outer.executeWithoutResult(
                  status -> {
                    context.getBean(Orders.class).place("c-1", "o-1");
                    nested.executeWithoutResult(
                        inner -> {
                          context.getBean(Orders.class).placeNested("c-2", "o-2");
                          inner.setRollbackOnly(); // back to the savepoint
                        });
                  });

              OptimoveClient client = context.getBean(OptimoveClient.class);
              Awaitility.await().atMost(WAIT).until(() -> server.acceptedCount() == 1);
              assertThat(client.flush(WAIT)).isTrue();
              assertThat(outboxRows(context)).isZero();
              assertThat(server.acceptedEvents())
                  .extracting(ReceivedEvent::customer)
                  .containsExactly("c-1");
              assertThat(client.stats().rolledBack()).isEqualTo(1);
            });
  }

  @Test
  void anEventOutsideATransactionIsStoredOnItsOwnAndSent() {
    app()
        .run(
            context -> {
              context.getBean(Orders.class).view("c-2");

              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> server.acceptedCount() == 1 && outboxRows(context) == 0);
              assertThat(server.acceptedEvents().get(0).event()).isEqualTo("page_viewed");
            });
  }

  @Test
  void anEventTheOutboxCannotStoreIsDroppedWithItsReasonAndTheCallerGoesOn() {
    app()
        .run(
            context -> {
              context.getBean(Failing.class).down.set(true);

              context.getBean(Orders.class).view("c-1"); // no transaction: the outbox's own insert

              OptimoveClient client = context.getBean(OptimoveClient.class);
              assertThat(client.stats().dropped(dev.optievent.client.Reasons.OUTBOX_WRITE_FAILED))
                  .isEqualTo(1);
              context.getBean(Failing.class).down.set(false);
            });
  }

  @Test
  void anUnknownSchemaModeStopsTheApplicationWithTheChoices() {
    app()
        .withPropertyValues("optimove.outbox.initialize-schema=sometimes")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("initialize-schema is 'sometimes'"));
  }

  @Test
  void withoutTheFlagThereIsNoOutbox() {
    app()
        .withPropertyValues("optimove.outbox.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(OptimoveOutbox.class));
  }

  @Test
  void reportingTurnedOffMeansNoOutboxEvenWithItsFlag() {
    // optimove.enabled=false gives a client that discards: an outbox would hand it every row.
    app()
        .withConfiguration(
            AutoConfigurations.of(dev.optievent.spring.OptimoveDisabledAutoConfiguration.class))
        .withPropertyValues("optimove.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(OptimoveClient.class).isDisabled()).isTrue();
              assertThat(context).doesNotHaveBean(OptimoveOutbox.class);
            });
  }

  @Test
  void theHealthContributorShowsTheBacklogAndStaysUp() {
    server.script(Fault.status(400)); // refused: the row stays, blocked, for a person to read
    app()
        .withPropertyValues("optimove.outbox.poll-interval=50ms")
        .run(
            context -> {
              HealthIndicator indicator =
                  context.getBean("optimoveOutboxHealthIndicator", HealthIndicator.class);
              context
                  .getBean(TransactionTemplate.class)
                  .executeWithoutResult(
                      status -> context.getBean(Orders.class).place("c-1", "o-1"));

              Awaitility.await()
                  .atMost(WAIT)
                  .until(
                      () ->
                          Long.valueOf(1)
                              .equals(indicator.health(true).getDetails().get("blocked")));
              Health health = indicator.health(true);
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("backlog", 0L)
                  .containsEntry("inFlight", 0)
                  .containsKeys("oldestRowAge", "claimed", "expired");
            });
  }

  @Test
  void theHealthContributorCanBeTurnedOff() {
    app()
        .withPropertyValues("management.health.optimoveOutbox.enabled=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(OptimoveOutbox.class);
              assertThat(context).doesNotHaveBean("optimoveOutboxHealthIndicator");
            });
  }

  @Test
  void aRowWhoseTransactionOutlastedMostOfItsLeaseIsLeftToTheRelaysInsteadOfHandedOver() {
    app()
        .withPropertyValues("optimove.outbox.lease=600ms")
        .run(
            context -> {
              long start = System.currentTimeMillis();
              context
                  .getBean(TransactionTemplate.class)
                  .executeWithoutResult(
                      status -> {
                        context.getBean(Orders.class).place("c-1", "o-1");
                        // A slow transaction: past two thirds of the row's lease at its commit, so
                        // another relay could claim the row while this one still sent it.
                        Awaitility.await()
                            .atMost(WAIT)
                            .until(() -> System.currentTimeMillis() - start > 500);
                      });

              OptimoveOutbox outbox = context.getBean(OptimoveOutbox.class);
              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> server.acceptedCount() == 1 && outboxRows(context) == 0);
              assertThat(outbox.claimedRows()).as("sent through a claim, not handed over").isOne();
            });
  }

  /** Woven by ajc and not a bean (no proxy): the woven advice stores through the same outbox. */
  @Test
  void aWovenMethodStoresItsEventInTheCallersTransactionToo() {
    assertThat(WovenOrders.isWoven()).as("the test fixture is woven by ajc").isTrue();
    app()
        .run(
            context -> {
              WovenOrders woven = new WovenOrders(context.getBean(JdbcTemplate.class));
              TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
              assertThatThrownBy(
                      () ->
                          transactions.executeWithoutResult(
                              status -> {
                                woven.place("c-1", "o-1");
                                assertThat(outboxRows(context)).isEqualTo(1);
                                throw new IllegalStateException("rolled back");
                              }))
                  .hasMessage("rolled back");
              transactions.executeWithoutResult(status -> woven.place("c-2", "o-2"));

              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> server.acceptedCount() == 1 && outboxRows(context) == 0);
              assertThat(server.acceptedEvents())
                  .extracting(ReceivedEvent::customer)
                  .containsExactly("c-2");
              assertThat(context.getBean(OptimoveClient.class).stats().rolledBack()).isOne();
            });
  }
}
