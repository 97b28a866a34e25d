package dev.optievent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.store.PreparedEvent;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import dev.optievent.testing.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Relays on a real database sending to {@link FakeOptimoveServer} over HTTP: each committed row is
 * delivered and deleted, refused rows are blocked with the answer, rows the client gives back wait
 * in the table, a dead relay's rows go to another once its lease runs out, and two relays on one
 * table send no row twice.
 */
abstract class OutboxRelayContract {
  static final long TENANT = 42;
  static final Duration WAIT = Duration.ofSeconds(30);

  abstract DataSource dataSource();

  private final FakeOptimoveServer server =
      FakeOptimoveServer.builder().expectedTenant(TENANT).start();
  private final List<AutoCloseable> open = new ArrayList<>();
  private OutboxTable table;

  @BeforeEach
  void freshTable() throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + OutboxSchema.DEFAULT_TABLE);
      OutboxDialect dialect = OutboxDialect.of(c);
      OutboxSchema.create(c, dialect, OutboxSchema.DEFAULT_TABLE);
      table = new OutboxTable(dialect, OutboxSchema.DEFAULT_TABLE);
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    server.close();
  }

  private OptimoveClient client() {
    OptimoveClient client =
        OptimoveClient.create(
            OptimoveConfig.builder()
                .endpoint(server.endpoint())
                .tenant(TENANT)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofMillis(50))
                .shutdownTimeout(Duration.ofMillis(300))
                .build());
    open.add(client);
    return client;
  }

  private OutboxRelay relay(OptimoveClient client, Duration lease) {
    return relay(client, lease, 50);
  }

  private OutboxRelay relay(OptimoveClient client, Duration lease, int batchSize) {
    RelaySettings settings =
        new RelaySettings(
            batchSize,
            lease,
            Duration.ofMillis(50),
            Duration.ofDays(1),
            Duration.ofMillis(50),
            Duration.ofMillis(200));
    OutboxRelay relay = new OutboxRelay(dataSource(), table, client, TENANT, settings);
    open.add(relay);
    relay.start();
    return relay;
  }

  /** A row as the writer stores it: the body the client prepared, due at once for any relay. */
  private long store(OptimoveClient client, String customer, long acceptedAt) throws SQLException {
    PreparedEvent p =
        ClientAccess.get()
            .prepare(
                client,
                "signup",
                customer,
                null,
                new String[] {"email"},
                new Object[] {customer + "@example.com"},
                TimeUnit.MILLISECONDS.toNanos(acceptedAt));
    try (Connection c = dataSource().getConnection()) {
      return table.insert(
          c,
          new OutboxRow(
              p.tenant(), p.eventKey(), new String(p.body(), StandardCharsets.UTF_8), acceptedAt),
          null,
          0);
    }
  }

  private long rows(String where) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*) FROM optimove_outbox"
                    + (where.isEmpty() ? "" : " WHERE " + where))) {
      r.next();
      return r.getLong(1);
    }
  }

  private void awaitRows(String where, long count) {
    Awaitility.await().atMost(WAIT).until(() -> rows(where) == count);
  }

  @Test
  void eachRowIsDeliveredOnceAndDeleted() throws Exception {
    OptimoveClient client = client();
    long now = System.currentTimeMillis();
    for (int i = 0; i < 20; i++) {
      store(client, "c-" + i, now);
    }

    relay(client, Duration.ofMinutes(1));

    awaitRows("", 0);
    assertThat(server.acceptedEvents()).hasSize(20);
    assertThat(client.stats().delivered()).isEqualTo(20);
  }

  @Test
  void aRowOptimoveRefusesIsBlockedWithItsAnswerAndNotSentAgain() throws Exception {
    OptimoveClient client = client();
    server.script(Fault.status(400));
    store(client, "c-1", System.currentTimeMillis());

    relay(client, Duration.ofMinutes(1));

    awaitRows("blocked = TRUE AND last_answer IS NOT NULL", 1);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void rowsTheClientGivesBackWaitInTheTableForTheNextRelay() throws Exception {
    OptimoveClient first = client();
    server.failEvent("signup", Fault.status(503));
    store(first, "c-1", System.currentTimeMillis());
    OutboxRelay relay = relay(first, Duration.ofMinutes(1));
    Awaitility.await().atMost(WAIT).until(() -> server.requestCount() > 0);

    relay.stopClaiming();
    first.close(); // the endpoint still fails: the row goes back
    relay.close();

    assertThat(first.stats().returned()).isEqualTo(1);
    assertThat(first.stats().dropped()).isZero();
    assertThat(rows("lease_owner IS NULL AND attempts = 1")).isEqualTo(1);

    server.failEvent("signup", null);
    OptimoveClient second = client();
    relay(second, Duration.ofMinutes(1));
    awaitRows("", 0);
    assertThat(server.acceptedEvents()).extracting(ReceivedEvent::customer).containsExactly("c-1");
  }

  @Test
  void aDeadRelaysRowsGoToAnotherOnceItsLeaseRunsOut() throws Exception {
    OptimoveClient client = client();
    long now = System.currentTimeMillis();
    store(client, "c-1", now);
    try (Connection c = dataSource().getConnection()) {
      // A relay claims it, and dies before sending it.
      table.claim(c, TENANT, "dead-relay", 10, now, now + 500);
    }

    relay(client, Duration.ofMinutes(1));

    awaitRows("", 0);
    assertThat(server.acceptedEvents()).hasSize(1);
  }

  @Test
  void twoRelaysOnOneTableSendNoRowTwice() throws Exception {
    OptimoveClient one = client();
    OptimoveClient two = client();
    long now = System.currentTimeMillis();
    try (Connection c = dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < 500; i++) {
        PreparedEvent p =
            ClientAccess.get()
                .prepare(
                    one,
                    "signup",
                    "c-" + i,
                    null,
                    new String[0],
                    new Object[0],
                    TimeUnit.MILLISECONDS.toNanos(now));
        table.insert(
            c,
            new OutboxRow(
                p.tenant(), p.eventKey(), new String(p.body(), StandardCharsets.UTF_8), now),
            null,
            0);
      }
      c.commit();
    }

    // Small batches: a hundred claims at least, so that both relays claim while the other does.
    relay(one, Duration.ofMinutes(1), 5);
    relay(two, Duration.ofMinutes(1), 5);

    awaitRows("", 0);
    Map<String, Long> perCustomer =
        server.acceptedEvents().stream()
            .collect(Collectors.groupingBy(ReceivedEvent::customer, Collectors.counting()));
    assertThat(perCustomer).hasSize(500);
    assertThat(perCustomer.values()).allMatch(n -> n == 1);
    assertThat(one.stats().delivered()).isPositive();
    assertThat(two.stats().delivered()).isPositive();
  }

  @Test
  void aRelayWithAPollLongerThanItsLeaseStillRenewsTheRowsItIsSending() throws Exception {
    OptimoveClient slowClient = client();
    server.setResponseDelay(Duration.ofMillis(1_500)); // in the client's hands for 2.5 leases
    store(slowClient, "c-1", System.currentTimeMillis());
    RelaySettings hourlyPoll =
        new RelaySettings(
            10,
            Duration.ofMillis(600),
            Duration.ofHours(1),
            Duration.ofDays(1),
            Duration.ofMillis(50),
            Duration.ofMillis(200));
    OutboxRelay first = new OutboxRelay(dataSource(), table, slowClient, TENANT, hourlyPoll);
    open.add(first);
    first.start(); // its first round claims the row at once
    Awaitility.await().atMost(WAIT).until(() -> server.requestCount() == 1);

    // Another relay polls often: it would take the row as soon as the first one's lease ran out.
    relay(client(), Duration.ofMillis(600));

    awaitRows("", 0);
    assertThat(server.acceptedEvents()).hasSize(1);
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(first.leasesLost()).isZero();
  }

  @Test
  void rowsOlderThanTheMaximumAgeAreDeletedUnsentAndCounted() throws Exception {
    OptimoveClient client = client();
    store(client, "c-old", System.currentTimeMillis() - Duration.ofDays(2).toMillis());

    OutboxRelay relay = relay(client, Duration.ofMinutes(1));

    awaitRows("", 0);
    assertThat(relay.expired()).isEqualTo(1);
    assertThat(server.requestCount()).isZero();
  }
}
