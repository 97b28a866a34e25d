package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfigException;
import dev.optievent.client.Reasons;
import dev.optievent.spring.woven.WovenAccounts;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.interceptor.TransactionAttributeSourceAdvisor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events of methods that return inside a transaction reach Optimove only when it commits: a real
 * application context, an H2 database in memory, {@code JdbcTemplate} and {@code
 * DataSourceTransactionManager}, services reported through proxies and woven, and what the fake
 * endpoint received over HTTP. {@link OptimoveClient#flush} settles what was handed to the client,
 * so what did not arrive by then was never sent. Events are delivered concurrently, in no set
 * order.
 */
class AfterCommitTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    OptimoveReporting.disconnect();
    server.close();
  }

  /** A database whose connections can be made to fail their commit. */
  static final class CommitFailingDataSource extends DelegatingDataSource {
    final AtomicBoolean failCommit = new AtomicBoolean();

    CommitFailingDataSource(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real = super.getConnection();
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("commit") && failCommit.get()) {
                  throw new SQLException("connection lost during commit");
                }
                try {
                  return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }

  /** The database and the services, with transactions enabled as the application does. */
  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  static class Database extends DatabaseBeans {}

  /** The same, with transactions enabled by Boot's auto-configuration. */
  @Configuration(proxyBeanMethods = false)
  static class DatabaseBeans {
    @Bean
    CommitFailingDataSource dataSource() {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      JdbcTemplate schema = new JdbcTemplate(h2);
      for (String table : List.of("accounts", "audits", "steps")) {
        schema.execute("create table " + table + " (id varchar(64) primary key)");
      }
      return new CommitFailingDataSource(h2);
    }

    @Bean
    DataSourceTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
      return new JdbcTemplate(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager manager) {
      return new TransactionTemplate(manager);
    }

    @Bean
    Accounts accounts(JdbcTemplate jdbc) {
      return new Accounts(jdbc);
    }
  }

  /** Not a bean, so no proxy: only the woven advice can report its calls. */
  private static WovenAccounts woven(AssertableApplicationContext context) {
    assertThat(WovenAccounts.isWoven()).as("the test fixture is woven by ajc").isTrue();
    return new WovenAccounts(context.getBean(JdbcTemplate.class));
  }

  private ApplicationContextRunner app() {
    return OptimoveContexts.reportingTo(server).withUserConfiguration(Database.class);
  }

  /** What the endpoint received once the client settled everything handed to it. */
  private List<String> sent(AssertableApplicationContext context) {
    assertThat(context.getBean(OptimoveClient.class).flush(WAIT)).isTrue();
    return server.acceptedEvents().stream().map(e -> e.event() + " " + e.customer()).toList();
  }

  private static ClientStats stats(AssertableApplicationContext context) {
    return context.getBean(OptimoveClient.class).stats();
  }

  private static int rows(AssertableApplicationContext context, String table) {
    return context
        .getBean(JdbcTemplate.class)
        .queryForObject("select count(*) from " + table, Integer.class);
  }

  private static void inTransaction(
      AssertableApplicationContext context, Consumer<AssertableApplicationContext> work) {
    context.getBean(TransactionTemplate.class).executeWithoutResult(status -> work.accept(context));
  }

  /** Runs {@code work} in a transaction that then throws {@code failure}, and checks it did. */
  private static void rollBack(
      AssertableApplicationContext context,
      String failure,
      Consumer<AssertableApplicationContext> work) {
    assertThatThrownBy(
            () ->
                inTransaction(
                    context,
                    c -> {
                      work.accept(c);
                      throw new IllegalStateException(failure);
                    }))
        .hasMessage(failure);
  }

  @Test
  void aCommittedTransactionSendsEachEventOnceAfterTheCommit() {
    app()
        .run(
            context -> {
              inTransaction(
                  context,
                  c -> {
                    c.getBean(Accounts.class).create("c-1");
                    woven(c).create("c-2");
                    // Held with the transaction: the client has not been given them yet.
                    assertThat(stats(c).accepted()).isZero();
                  });

              assertThat(sent(context))
                  .containsExactlyInAnyOrder("account_created c-1", "woven_account_created c-2");
              assertThat(stats(context).rolledBack()).isZero();
            });
  }

  @Test
  void aMethodCalledOutsideATransactionThatStartsItsOwnSendsAfterItCommits() {
    app()
        .run(
            context -> {
              context.getBean(Accounts.class).create("c-1");

              assertThat(sent(context)).containsExactlyInAnyOrder("account_created c-1");
              assertThat(rows(context, "accounts")).isEqualTo(1);
            });
  }

  @Test
  void anOuterTransactionThatRollsBackSendsNothingAndCountsItsEventsAsRolledBack() {
    app()
        .run(
            context -> {
              rollBack(
                  context,
                  "fraud check failed",
                  c -> {
                    c.getBean(Accounts.class).create("c-1");
                    woven(c).create("c-2");
                  });
              context
                  .getBean(TransactionTemplate.class)
                  .executeWithoutResult(
                      status -> {
                        context.getBean(Accounts.class).create("c-3");
                        status.setRollbackOnly();
                      });

              assertThat(sent(context)).isEmpty();
              assertThat(rows(context, "accounts")).isZero();
              ClientStats stats = stats(context);
              assertThat(stats.rolledBack()).isEqualTo(3);
              assertThat(stats.accepted()).isZero();
              assertThat(stats.dropped()).isZero();
            });
  }

  @Test
  void requiresNewInsideARolledBackOuterTransactionSendsOnlyTheInnerEvent() {
    app()
        .run(
            context -> {
              rollBack(
                  context,
                  "outer fails",
                  c -> {
                    c.getBean(Accounts.class).create("c-1");
                    c.getBean(Accounts.class).audit("c-2");
                    woven(c).create("c-3");
                  });

              assertThat(sent(context)).containsExactlyInAnyOrder("audit_logged c-2");
              assertThat(rows(context, "audits")).isEqualTo(1);
              assertThat(stats(context).rolledBack()).isEqualTo(2);
            });
  }

  /**
   * Boot's transaction auto-configuration registers an advisor of the same order as ours: ours must
   * still run inside it, or a {@code REQUIRES_NEW} method's event would wait for its caller's
   * transaction.
   */
  @Test
  void withBootsTransactionAutoConfigurationRequiresNewStillSendsTheInnerEvent() {
    OptimoveContexts.reportingTo(server)
        .withConfiguration(AutoConfigurations.of(TransactionAutoConfiguration.class))
        .withUserConfiguration(DatabaseBeans.class)
        .run(
            context -> {
              rollBack(
                  context,
                  "outer fails",
                  c -> {
                    c.getBean(Accounts.class).create("c-1");
                    c.getBean(Accounts.class).audit("c-2");
                  });

              assertThat(sent(context)).containsExactlyInAnyOrder("audit_logged c-2");
              assertThat(stats(context).rolledBack()).isEqualTo(1);
            });
  }

  @Test
  void aNestedTransactionRolledBackToItsSavepointTakesItsEventsWithIt() {
    app()
        .run(
            context -> {
              inTransaction(
                  context,
                  c -> {
                    Accounts accounts = c.getBean(Accounts.class);
                    accounts.create("c-1");
                    accounts.step("c-2");
                    assertThatThrownBy(() -> accounts.failingStep("c-3")).hasMessage("step failed");
                    woven(c).create("c-4");
                  });

              assertThat(sent(context))
                  .containsExactlyInAnyOrder(
                      "account_created c-1", "step_done c-2", "woven_account_created c-4");
              assertThat(rows(context, "steps")).isEqualTo(1);
              assertThat(stats(context).rolledBack()).isZero(); // failingStep threw: no event
            });
  }

  @Test
  void eventsOfANestedTransactionThatReturnedAreUndoneWhenTheOuterRollsBackToItsSavepoint() {
    app()
        .run(
            context -> {
              TransactionTemplate nested =
                  new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
              nested.setPropagationBehavior(TransactionTemplate.PROPAGATION_NESTED);
              inTransaction(
                  context,
                  c -> {
                    c.getBean(Accounts.class).create("c-1");
                    nested.executeWithoutResult(
                        status -> {
                          woven(c).create("c-2");
                          c.getBean(Accounts.class).step("c-3");
                          status.setRollbackOnly(); // back to the savepoint
                        });
                  });

              assertThat(sent(context)).containsExactlyInAnyOrder("account_created c-1");
              assertThat(rows(context, "accounts")).isEqualTo(1);
              assertThat(stats(context).rolledBack()).isEqualTo(2);
            });
  }

  @Test
  void aTransactionThatFailsAtCommitSendsNothing() {
    app()
        .run(
            context -> {
              assertThatThrownBy(
                      () ->
                          inTransaction(
                              context,
                              c -> {
                                c.getBean(Accounts.class).create("c-1");
                                woven(c).create("c-2");
                                Accounts.failAtCommit();
                              }))
                  .hasMessage("constraint violated at flush");

              assertThat(sent(context)).isEmpty();
              assertThat(rows(context, "accounts")).isZero();
              assertThat(stats(context).rolledBack()).isEqualTo(2);
            });
  }

  @Test
  void aCommitWhoseOutcomeIsUnknownSendsNothingAndCountsAPossibleLoss() {
    app()
        .run(
            context -> {
              context.getBean(CommitFailingDataSource.class).failCommit.set(true);
              assertThatThrownBy(
                      () ->
                          inTransaction(
                              context,
                              c -> {
                                c.getBean(Accounts.class).create("c-1");
                                woven(c).create("c-2");
                              }))
                  .isInstanceOf(TransactionSystemException.class);
              context.getBean(CommitFailingDataSource.class).failCommit.set(false);

              assertThat(sent(context)).isEmpty();
              ClientStats stats = stats(context);
              assertThat(stats.dropped(Reasons.TRANSACTION_OUTCOME_UNKNOWN)).isEqualTo(2);
              assertThat(stats.rolledBack()).isZero();
            });
  }

  /**
   * {@code @Transactional} and {@code @OptimoveEvent} on the same method, with the reporting
   * interceptor inside the transaction's (it holds the event) or outside it (it sees the commit's
   * failure as the method's): the same events arrive either way.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theSameMethodReportsOnlyCommittedWorkWhicheverAdvisorRunsFirst(boolean reportingInside) {
    app()
        .run(
            context -> {
              Accounts accounts = context.getBean(Accounts.class);
              order((Advised) accounts, reportingInside);

              accounts.create("c-1");
              assertThatThrownBy(() -> accounts.createFailingAtCommit("c-2"))
                  .hasMessage("constraint violated at flush");

              assertThat(sent(context)).containsExactlyInAnyOrder("account_created c-1");
              // Inside, the failed one was held and rolled back; outside, it was never captured.
              assertThat(stats(context).rolledBack()).isEqualTo(reportingInside ? 1 : 0);
            });
  }

  /** Puts the reporting advisor right inside or right outside the transaction's. */
  private static void order(Advised proxy, boolean reportingInside) {
    Advisor reporting = null;
    for (Advisor a : proxy.getAdvisors()) {
      if (a instanceof OptimoveEventAdvisor) {
        reporting = a;
      }
    }
    assertThat(reporting).as("the reporting advisor on the proxy").isNotNull();
    proxy.removeAdvisor(reporting);
    int tx = -1;
    Advisor[] advisors = proxy.getAdvisors();
    for (int i = 0; i < advisors.length; i++) {
      if (advisors[i] instanceof TransactionAttributeSourceAdvisor
          || advisors[i].getClass().getSimpleName().contains("Transaction")) {
        tx = i;
      }
    }
    assertThat(tx).as("the transaction advisor on the proxy").isNotNegative();
    proxy.addAdvisor(reportingInside ? tx + 1 : tx, reporting);
  }

  @Test
  void anEventMarkedNotToWaitIsSentEvenIfItsTransactionRollsBack() {
    app()
        .run(
            context -> {
              rollBack(
                  context,
                  "wrong password",
                  c -> {
                    c.getBean(Accounts.class).attemptLogin("c-1");
                  });

              assertThat(sent(context)).containsExactlyInAnyOrder("login_attempted c-1");
            });
  }

  @Test
  void afterCommitOffSendsEveryEventWhenItsMethodReturns() {
    app()
        .withPropertyValues("optimove.transactions.after-commit=false")
        .run(
            context -> {
              rollBack(
                  context,
                  "outer fails",
                  c -> {
                    c.getBean(Accounts.class).create("c-1");
                  });

              assertThat(sent(context)).containsExactlyInAnyOrder("account_created c-1");
              assertThat(context).doesNotHaveBean("optimoveTransactionHold");
            });
  }

  @Test
  void aTransactionHoldsAtMostItsBoundAndCountsTheRestAsDropped() {
    app()
        .withPropertyValues("optimove.transactions.max-held-events=2")
        .run(
            context -> {
              inTransaction(
                  context,
                  c -> {
                    for (int i = 1; i <= 3; i++) {
                      c.getBean(Accounts.class).create("c-" + i);
                    }
                  });

              assertThat(sent(context))
                  .containsExactlyInAnyOrder("account_created c-1", "account_created c-2");
              assertThat(stats(context).dropped(Reasons.TRANSACTION_HOLD_FULL)).isEqualTo(1);
              assertThat(rows(context, "accounts")).isEqualTo(3);
            });
  }

  @Test
  void aBoundBelowOneStopsTheApplicationWithTheProperty() {
    app()
        .withPropertyValues("optimove.transactions.max-held-events=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(OptimoveConfigException.class)
                    .hasMessageContaining("optimove.transactions.max-held-events is 0"));
  }

  @Test
  void theTimestampIsTheReturnsNotTheCommits() {
    app()
        .run(
            context -> {
              long[] returnedAt = new long[1];
              inTransaction(
                  context,
                  c -> {
                    c.getBean(Accounts.class).create("c-1");
                    returnedAt[0] = System.currentTimeMillis();
                    org.awaitility.Awaitility.await()
                        .until(() -> System.currentTimeMillis() - returnedAt[0] > 200);
                  });

              sent(context);
              ReceivedEvent event = server.acceptedEvents().get(0);
              long sentAt =
                  java.time.LocalDateTime.parse(
                          event.timestamp().replace(" UTC", "").replace(' ', 'T'))
                      .toInstant(java.time.ZoneOffset.UTC)
                      .toEpochMilli();
              assertThat(sentAt).isBetween(returnedAt[0] - 1_000, returnedAt[0] + 50);
            });
  }
}
