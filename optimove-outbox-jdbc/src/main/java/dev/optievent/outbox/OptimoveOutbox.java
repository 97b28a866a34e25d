package dev.optievent.outbox;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.store.PreparedEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A transactional outbox on the application's own database: {@link #write} stores an event in the
 * caller's transaction, so that it is sent only if that transaction commits and is not lost if the
 * process dies after the commit; a relay on every instance of the application sends what is stored,
 * through the client's delivery engine, and deletes each row Optimove took.
 *
 * <pre>{@code
 * OptimoveOutbox outbox = OptimoveOutbox.builder(dataSource, client).createTable(true).build();
 * try (Connection c = dataSource.getConnection()) {
 *   c.setAutoCommit(false);
 *   insertOrder(c, order);
 *   outbox.write(c, Event.builder("order_placed").customer(order.customer()).build());
 *   c.commit(); // the event is sent by a relay within about a poll interval
 * }
 * // at shutdown: the outbox first (it stops claiming and writes back what the client reported)
 * outbox.close();
 * client.close();
 * }</pre>
 *
 * <p>Delivery is at least once: a row is sent again only if the instance that sent it died (or lost
 * its database) after Optimove took it and before the row was deleted. The table's DDL for each
 * database is in this jar under {@code dev/optievent/outbox/db/<database>/V1__optimove_outbox.sql}
 * (PostgreSQL and H2 are tested; MySQL 8 / MariaDB 10.6 are not yet). This type is thread-safe.
 */
public final class OptimoveOutbox implements AutoCloseable {
  private final OptimoveClient client;
  private final OutboxTable table;
  private final OutboxRelay relay;
  private final Duration closeWait;
  private final long leaseMillis;

  private OptimoveOutbox(Builder b, OutboxDialect dialect, RelaySettings settings) {
    this.client = b.client;
    this.leaseMillis = settings.lease().toMillis();
    this.table = new OutboxTable(dialect, b.table);
    this.closeWait = b.closeWait;
    this.relay =
        new OutboxRelay(b.dataSource, table, b.client, b.client.config().tenant(), settings);
  }

  /**
   * Starts building an outbox over {@code dataSource}, sending through {@code client} (which the
   * application keeps and closes).
   *
   * @param dataSource the application's database
   * @param client the client whose rules, tenant and delivery engine the outbox uses
   * @return a builder
   */
  public static Builder builder(DataSource dataSource, OptimoveClient client) {
    return new Builder(dataSource, client);
  }

  /**
   * Checks {@code event} as {@link OptimoveClient#send} does and stores it, as the request body it
   * will be sent as, through {@code connection}: in that connection's transaction, so that it
   * commits or rolls back with the caller's own rows. An event a rule refuses is counted by the
   * client as {@code send} would count it, and not stored.
   *
   * @param connection the caller's connection, in the transaction the event belongs to (or in
   *     auto-commit mode, to store it on its own)
   * @param event the event
   * @return {@code true} if it was stored, {@code false} if a rule refused it
   * @throws SQLException if the database refused the insert (the caller's transaction should then
   *     roll back, as for any failed statement)
   */
  public boolean write(Connection connection, Event event) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    PreparedEvent prepared = ClientAccess.get().prepare(client, event);
    if (prepared == null) {
      return false;
    }
    table.insert(connection, row(prepared), null, 0);
    return true;
  }

  /** A row this instance wrote leased to itself, until {@code leaseUntil} (epoch milliseconds). */
  record Owned(long id, OutboxRow row, long leaseUntil) {}

  /**
   * Stores a checked event leased to this instance, which hands it to the client itself right after
   * the commit ({@link #handOver}); if the instance dies first, the lease runs out and any relay
   * sends it.
   */
  Owned writeOwned(Connection connection, OutboxRow row) throws SQLException {
    long leaseUntil = System.currentTimeMillis() + leaseMillis;
    long id = table.insert(connection, row, relay.owner(), leaseUntil);
    return new Owned(id, row, leaseUntil);
  }

  /**
   * Hands a row {@link #writeOwned} stored, and whose transaction committed, to the client; or, if
   * its transaction took so long that its lease (which only renewals of rows in the client's hands
   * extend) may end before the client is done, makes it due for any relay instead, so that no other
   * relay can claim it while this one sends it.
   */
  void handOver(Owned owned) {
    if (System.currentTimeMillis() < owned.leaseUntil() - leaseMillis / 3) {
      relay.handOver(owned.id(), owned.row());
    } else {
      relay.release(owned.id());
    }
  }

  /** Makes a row {@link #writeOwned} stored due for any relay, if it exists and is still ours. */
  void release(Owned owned) {
    relay.release(owned.id());
  }

  static OutboxRow row(PreparedEvent p) {
    return new OutboxRow(
        p.tenant(),
        p.eventKey(),
        new String(p.body(), StandardCharsets.UTF_8),
        TimeUnit.NANOSECONDS.toMillis(p.epochNanos()));
  }

  /**
   * @return rows deleted undelivered because they grew older than the maximum age, by this
   *     instance's relay
   */
  public long expiredRows() {
    return relay.expired();
  }

  /**
   * @return rows this instance's relay claimed so far
   */
  public long claimedRows() {
    return relay.claimed();
  }

  /** Outcomes that found their row's lease run out (see {@link OutboxRelay#leasesLost()}). */
  long leasesLost() {
    return relay.leasesLost();
  }

  /** Rows this instance handed to the client whose outcome it has not written back yet. */
  int inFlightRows() {
    return relay.inFlight();
  }

  /**
   * Rows waiting to be delivered, all instances' and tenants' together, as the relay last read them
   * (every few seconds; at most 100,000 are counted).
   *
   * @return the count
   */
  public long backlogRows() {
    return relay.backlog().rows();
  }

  /**
   * Rows Optimove refused, kept with its answer for a person to read (read as {@link
   * #backlogRows()} is).
   *
   * @return the count
   */
  public long blockedRows() {
    return relay.backlog().blocked();
  }

  /**
   * How old the oldest waiting row is, as last read: a growing age means the relays do not keep up
   * or cannot deliver.
   *
   * @return its age, {@link Duration#ZERO} when none waits
   */
  public Duration oldestRowAge() {
    long oldest = relay.backlog().oldestAcceptedAt();
    return oldest < 0
        ? Duration.ZERO
        : Duration.ofMillis(Math.max(0, System.currentTimeMillis() - oldest));
  }

  /**
   * Stops this instance's relay: it claims no more rows, waits (up to the builder's {@code
   * closeWait}) for the outcomes of the rows in the client's hands, and writes them back. Close the
   * outbox before the client. Rows still in the client's hands afterwards keep their lease until it
   * runs out, then another instance sends them. Does not close the client or the data source.
   */
  @Override
  public void close() {
    relay.close(closeWait);
  }

  /** How an {@link OptimoveOutbox} stores and relays events. */
  public static final class Builder {
    private final DataSource dataSource;
    private final OptimoveClient client;
    private String table = OutboxSchema.DEFAULT_TABLE;
    private boolean createTable;
    private int batchSize = 100;
    private Duration lease = Duration.ofMinutes(1);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration maxAge = Duration.ofDays(1);
    private Duration retryBase = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(5);
    private Duration closeWait = Duration.ofSeconds(10);

    private Builder(DataSource dataSource, OptimoveClient client) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * @param table the table's name, optionally after a schema's (default {@code optimove_outbox})
     * @return this builder
     */
    public Builder table(String table) {
      this.table = OutboxSchema.checkedTable(table);
      return this;
    }

    /**
     * @param create whether {@link #build()} creates the table and its indexes where they do not
     *     exist (default {@code false}: create them with your migrations, from the DDL in the jar)
     * @return this builder
     */
    public Builder createTable(boolean create) {
      this.createTable = create;
      return this;
    }

    /**
     * @param batchSize the most rows one claim takes (default 100)
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * @param lease how long a claimed row stays a relay's without renewal (default one minute): a
     *     dead instance's rows wait this long before another takes them
     * @return this builder
     */
    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    /**
     * @param pollInterval how often a relay looks for due rows (default one second)
     * @return this builder
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * @param maxAge rows older than this are deleted undelivered, and counted (default one day)
     * @return this builder
     */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = maxAge;
      return this;
    }

    /**
     * @param base the wait before a row the client gave back is due again (default 1 s), doubled at
     *     each return
     * @param max the longest such wait (default 5 min)
     * @return this builder
     */
    public Builder retryDelays(Duration base, Duration max) {
      this.retryBase = base;
      this.retryMax = max;
      return this;
    }

    /**
     * @param closeWait how long {@link OptimoveOutbox#close()} waits for the outcomes of the rows
     *     in the client's hands (default 10 s)
     * @return this builder
     */
    public Builder closeWait(Duration closeWait) {
      this.closeWait = Objects.requireNonNull(closeWait, "closeWait");
      return this;
    }

    /**
     * Checks the settings and the database, creates the table if asked, and starts this instance's
     * relay.
     *
     * @return the outbox
     * @throws IllegalArgumentException for a setting out of range or a database the outbox does not
     *     support, saying which
     * @throws SQLException if the database cannot be reached, or the table is missing (the message
     *     says which DDL to run) or could not be created
     */
    public OptimoveOutbox build() throws SQLException {
      RelaySettings settings =
          new RelaySettings(batchSize, lease, pollInterval, maxAge, retryBase, retryMax);
      OutboxDialect dialect;
      try (Connection c = dataSource.getConnection()) {
        dialect = OutboxDialect.of(c);
        if (createTable) {
          OutboxSchema.create(c, dialect, table);
        }
        new OutboxTable(dialect, table).check(c, table);
      }
      OptimoveOutbox outbox = new OptimoveOutbox(this, dialect, settings);
      outbox.relay.start();
      return outbox;
    }
  }
}
