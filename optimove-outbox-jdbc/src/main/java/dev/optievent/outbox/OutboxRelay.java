package dev.optievent.outbox;

import dev.optievent.client.OptimoveClient;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.ClientCounters;
import dev.optievent.client.internal.store.StoredOutcome;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's relay: claims due rows of its tenant with a lease, hands them to the client's
 * delivery engine (limits, retries, accounting, metrics) and writes back what became of each:
 * delivered rows are deleted, rows Optimove refused are blocked with its answer, rows the client
 * gave back are due again after a backoff. It renews its leases while it lives; when it dies, they
 * run out and another relay takes its rows. All database work happens on its own thread: the
 * client's threads only queue outcomes.
 */
final class OutboxRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  /** What became of a row, waiting to be written. */
  private record Settlement(long id, int attempts, Kind kind, String reason, String message) {}

  private enum Kind {
    DELIVERED,
    REJECTED,
    RETURNED,
    /** Written by this instance and not handed over: due at once for any relay. */
    RELEASED
  }

  private final DataSource dataSource;
  private final OutboxTable table;
  private final OptimoveClient client;
  private final long tenant;
  private final RelaySettings settings;
  private final String owner = "relay-" + UUID.randomUUID();
  private final Queue<Settlement> settlements = new ConcurrentLinkedQueue<>();
  private final AtomicLong expired = new AtomicLong();
  private final AtomicLong claimed = new AtomicLong();
  private final AtomicLong leasesLost = new AtomicLong();

  /** The table's backlog as last read, at most every {@link #BACKLOG_EVERY_NANOS}. */
  private volatile Backlog backlog = new Backlog(0, 0, -1);

  private long backlogReadAt = Long.MIN_VALUE / 2;

  /** Backlog reads cost a few capped index scans: a few per minute are plenty for a gauge. */
  private static final long BACKLOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** Counts stop there: a gauge says "at least this many". */
  static final int BACKLOG_CAP = 100_000;

  /** Rows handed to the client whose outcome has not been reported yet. */
  private final AtomicInteger inFlight = new AtomicInteger();

  private final Thread thread;
  private volatile boolean claiming = true;
  private volatile boolean running = true;
  private long lastRenewal;

  OutboxRelay(
      DataSource dataSource,
      OutboxTable table,
      OptimoveClient client,
      long tenant,
      RelaySettings settings) {
    this.dataSource = dataSource;
    this.table = table;
    this.client = client;
    this.tenant = tenant;
    this.settings = settings;
    this.thread = new Thread(this::run, "optimove-outbox-relay");
    thread.setDaemon(true);
  }

  /** Starts the relay's thread. */
  void start() {
    thread.start();
  }

  /**
   * @return this relay's lease owner name (unique per instance)
   */
  String owner() {
    return owner;
  }

  /**
   * @return rows deleted because they grew older than the maximum age
   */
  long expired() {
    return expired.get();
  }

  /**
   * @return rows this relay claimed so far
   */
  long claimed() {
    return claimed.get();
  }

  /**
   * @return the table's backlog as last read (every few seconds while the relay runs)
   */
  Backlog backlog() {
    return backlog;
  }

  /**
   * Hands a row this instance holds (written by it, leased to it) to the client at once, without
   * waiting for a claim: the normal way, right after the transaction that wrote it commits.
   */
  void handOver(long id, OutboxRow row) {
    send(new ClaimedRow(id, row, 0));
  }

  /** Makes a row this instance wrote, and did not hand over, due at once for any relay. */
  void release(long id) {
    settlements.add(new Settlement(id, 0, Kind.RELEASED, null, null));
    LockSupport.unpark(thread);
  }

  /**
   * @return outcomes that found their row no longer this relay's: its lease had run out (the relay
   *     was stalled for longer than a lease), and another relay may have sent the row again
   */
  long leasesLost() {
    return leasesLost.get();
  }

  /** Rows handed to the client whose outcome has not been written back yet. */
  int inFlight() {
    return inFlight.get();
  }

  /** Stops claiming rows; outcomes are still written. Call before closing the client. */
  void stopClaiming() {
    claiming = false;
  }

  /**
   * Stops claiming, waits up to {@code wait} for the outcomes of the rows in the client's hands,
   * and writes them. Rows whose outcome did not come keep their lease until it runs out, then go to
   * another relay (sent again if this client did deliver them after all: the at-least-once case).
   *
   * @return whether every row's outcome came in time
   */
  boolean close(Duration wait) {
    claiming = false;
    long deadline = System.nanoTime() + wait.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    boolean settled = inFlight.get() == 0;
    close();
    return settled;
  }

  /**
   * Writes the outcomes the client has reported so far (call after the client closed, so that the
   * rows it gave back are due again at once for the other instances), then stops the thread.
   */
  @Override
  public void close() {
    claiming = false;
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!settlements.isEmpty()) {
      try (Connection c = dataSource.getConnection()) {
        settle(c);
      } catch (SQLException e) {
        LOG.warn("The Optimove outbox relay could not reach its database: {}", e.toString());
      }
    }
  }

  private void run() {
    // Wakes at least three times a lease, so that renewals come in time however long the poll.
    long pollNanos = Math.min(settings.pollInterval().toNanos(), settings.lease().toNanos() / 3);
    while (running) {
      boolean more = false;
      // One connection for a round, kept while claims come back full (a backlog drains without a
      // checkout, or without a pool a connect, per batch).
      try (Connection c = dataSource.getConnection()) {
        do {
          more = round(c);
        } while (more && running);
      } catch (SQLException e) {
        LOG.warn("The Optimove outbox relay could not reach its database: {}", e.toString());
      } catch (RuntimeException e) {
        LOG.warn("The Optimove outbox relay failed a round and goes on: {}", e.toString());
      }
      if (!more) {
        LockSupport.parkNanos(this, pollNanos);
      }
    }
  }

  /**
   * One round: renew, write outcomes, and while claiming, expire, claim and read the backlog.
   *
   * @return whether a claim came back full, so that the next round should come at once
   */
  private boolean round(Connection c) {
    renewIfDue(c);
    settle(c);
    if (!claiming) {
      return false;
    }
    renewIfDue(c);
    long now = System.nanoTime();
    if (now - backlogReadAt >= BACKLOG_EVERY_NANOS) {
      // Both scan the table: a few times a minute, not every round of a busy relay.
      backlogReadAt = now;
      expireOld(c);
      readBacklog(c);
    }
    return claimAndSend(c);
  }

  private void send(ClaimedRow r) {
    inFlight.incrementAndGet();
    ClientAccess.get()
        .sendStored(
            client,
            r.row().eventKey(),
            r.row().body().getBytes(StandardCharsets.UTF_8),
            TimeUnit.MILLISECONDS.toNanos(r.row().acceptedAt()),
            new RowOutcome(r.id(), r.attempts()));
  }

  /**
   * Claims as many due rows as the client's queue has room for, and hands them over.
   *
   * @return whether it claimed a whole batch, so that more rows may be due at once
   */
  private boolean claimAndSend(Connection c) {
    ClientCounters counters = ClientAccess.get().counters(client);
    int room = (counters.queueCapacity() - counters.queueSize()) / 2;
    int max = Math.min(settings.batchSize(), room);
    if (max <= 0) {
      return false;
    }
    long now = System.currentTimeMillis();
    List<ClaimedRow> rows;
    try {
      rows = table.claim(c, tenant, owner, max, now, now + settings.lease().toMillis());
    } catch (SQLException e) {
      LOG.warn("The Optimove outbox relay could not claim rows: {}", e.toString());
      return false;
    }
    claimed.addAndGet(rows.size());
    for (ClaimedRow r : rows) {
      send(r);
    }
    return rows.size() == max;
  }

  private void readBacklog(Connection c) {
    try {
      backlog = table.backlog(c, BACKLOG_CAP);
    } catch (SQLException e) {
      LOG.warn("The Optimove outbox relay could not read its backlog: {}", e.toString());
    }
  }

  /** Renews this relay's leases a few times per lease, so that a live relay keeps its rows. */
  private void renewIfDue(Connection c) {
    long now = System.currentTimeMillis();
    if (now - lastRenewal < settings.lease().toMillis() / 3) {
      return;
    }
    try {
      table.renew(c, owner, now + settings.lease().toMillis());
      lastRenewal = now;
    } catch (SQLException e) {
      LOG.warn("The Optimove outbox relay could not renew its leases: {}", e.toString());
    }
  }

  private void expireOld(Connection c) {
    long now = System.currentTimeMillis();
    try {
      int n = table.expire(c, now, now - settings.maxAge().toMillis());
      if (n > 0) {
        expired.addAndGet(n);
        LOG.warn(
            "Deleted {} Optimove outbox row(s) older than {} undelivered (expired)",
            n,
            settings.maxAge());
      }
    } catch (SQLException e) {
      LOG.warn("The Optimove outbox relay could not delete expired rows: {}", e.toString());
    }
  }

  /**
   * Writes the outcomes reported so far: the deliveries in one transaction (one batch of deletes,
   * one commit, however many), the rest one by one. What the database refuses waits for the next
   * round.
   */
  private void settle(Connection c) {
    if (settlements.isEmpty()) {
      return;
    }
    List<Settlement> delivered = new ArrayList<>();
    List<Settlement> others = new ArrayList<>();
    for (Settlement s; (s = settlements.poll()) != null; ) {
      (s.kind() == Kind.DELIVERED ? delivered : others).add(s);
    }
    List<Settlement> failed = new ArrayList<>();
    int lost = 0;
    lost += deleteDelivered(c, delivered, failed);
    for (Settlement s : others) {
      try {
        lost += write(c, s) ? 0 : 1;
      } catch (SQLException e) {
        failed.add(s);
        LOG.warn("The Optimove outbox relay could not record an outcome: {}", e.toString());
      }
    }
    settlements.addAll(failed);
    if (lost > 0) {
      leasesLost.addAndGet(lost);
      LOG.warn(
          "{} Optimove outbox row(s) were no longer this relay's when their outcome came: their"
              + " lease ({}) ran out first, so another relay may send them again. Is the relay"
              + " stalled, or the lease too short?",
          lost,
          settings.lease());
    }
  }

  /** Deletes delivered rows in one transaction; returns how many were no longer this relay's. */
  private int deleteDelivered(Connection c, List<Settlement> delivered, List<Settlement> failed) {
    if (delivered.isEmpty()) {
      return 0;
    }
    long[] ids = delivered.stream().mapToLong(Settlement::id).toArray();
    try {
      return ids.length - table.deleteAll(c, ids, owner);
    } catch (SQLException e) {
      failed.addAll(delivered);
      LOG.warn("The Optimove outbox relay could not delete delivered rows: {}", e.toString());
      return 0;
    }
  }

  /** Writes one outcome; returns whether the row was still this relay's. */
  private boolean write(Connection c, Settlement s) throws SQLException {
    return switch (s.kind()) {
      case DELIVERED -> table.delete(c, s.id(), owner);
      case REJECTED -> table.block(c, s.id(), owner, answer(s));
      case RETURNED -> {
        int returns = s.attempts() + 1;
        long due = System.currentTimeMillis() + settings.backoffMillis(returns);
        yield table.reschedule(c, s.id(), owner, returns, due, answer(s));
      }
      // A released row may have been rolled back (its commit's outcome was unknown): not a loss.
      case RELEASED -> {
        table.reschedule(c, s.id(), owner, 0, System.currentTimeMillis(), null);
        yield true;
      }
    };
  }

  private static String answer(Settlement s) {
    return s.message() == null ? s.reason() : s.reason() + ": " + s.message();
  }

  /** What the client reports for one row: queued for the relay's thread, which it wakes. */
  private final class RowOutcome implements StoredOutcome {
    private final long id;
    private final int attempts;

    RowOutcome(long id, int attempts) {
      this.id = id;
      this.attempts = attempts;
    }

    private void report(Kind kind, String reason, String message) {
      settlements.add(new Settlement(id, attempts, kind, reason, message));
      inFlight.decrementAndGet();
      // At once: a delivered row not yet deleted is one a crash would send again. A busy relay
      // still deletes in batches, of whatever came in during its previous round.
      LockSupport.unpark(thread);
    }

    @Override
    public void delivered() {
      report(Kind.DELIVERED, null, null);
    }

    @Override
    public void rejected(String reason, String message) {
      report(Kind.REJECTED, reason, message);
    }

    @Override
    public void returned(String reason, String detail) {
      report(Kind.RETURNED, reason, detail);
    }
  }
}
