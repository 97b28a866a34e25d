package dev.optievent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the outbox table promises, on a real database: a row commits or rolls back with the
 * transaction that wrote it, claims give each due row to one relay at a time for a lease, and only
 * the lease's holder can settle a row. Each database runs these tests against its own server.
 */
abstract class OutboxTableContract {
  static final String TABLE = "optimove_outbox";
  static final long LEASE = 60_000;

  abstract DataSource dataSource();

  private OutboxTable table;
  private OutboxDialect dialect;

  @BeforeEach
  void freshTable() throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      dialect = OutboxDialect.of(c);
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      OutboxSchema.create(c, dialect, TABLE);
    }
    table = table(dialect);
  }

  /** The table under test, claimed its dialect's way unless a subclass says otherwise. */
  OutboxTable table(OutboxDialect dialect) {
    return new OutboxTable(dialect, TABLE);
  }

  private static OutboxRow row(int i, long acceptedAt) {
    return new OutboxRow(
        42, "signup", "{\"tenant\":42,\"event\":\"signup\",\"n\":" + i + "}", acceptedAt);
  }

  private long insert(OutboxRow row, String owner, long leaseUntil) throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      return table.insert(c, row, owner, leaseUntil);
    }
  }

  private List<ClaimedRow> claim(String owner, int max, long now) throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      return table.claim(c, 42, owner, max, now, now + LEASE);
    }
  }

  private Backlog backlog() throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      return table.backlog(c, 1_000);
    }
  }

  @Test
  void theSchemaCanBeCreatedAgainOverAnExistingTable() throws SQLException {
    insert(row(1, 1_000), null, 0);
    try (Connection c = dataSource().getConnection()) {
      OutboxSchema.create(c, dialect, TABLE);
    }
    assertThat(backlog().rows()).isEqualTo(1);
  }

  @Test
  void aRowCommitsOrRollsBackWithTheTransactionThatWroteIt() throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      c.setAutoCommit(false);
      table.insert(c, row(1, 1_000), null, 0);
      c.rollback();
      table.insert(c, row(2, 1_000), null, 0);
      c.commit();
    }

    List<ClaimedRow> claimed = claim("relay-a", 10, 2_000);
    assertThat(claimed).extracting(r -> r.row().body()).containsExactly(row(2, 1_000).body());
    assertThat(claimed.get(0).row()).isEqualTo(row(2, 1_000));
    assertThat(claimed.get(0).attempts()).isZero();
  }

  @Test
  void aClaimTakesDueRowsOldestFirstUpToItsBatchAndNoOtherClaimerGetsThemDuringTheLease()
      throws SQLException {
    for (int i = 1; i <= 5; i++) {
      insert(row(i, 1_000 + i), null, 0);
    }
    insert(row(6, 9_000), null, 0); // not due yet at 2,000: due from its acceptance on

    List<ClaimedRow> first = claim("relay-a", 3, 2_000);
    List<ClaimedRow> second = claim("relay-b", 10, 2_000);

    assertThat(first).extracting(r -> r.row().acceptedAt()).containsExactly(1_001L, 1_002L, 1_003L);
    assertThat(second).extracting(r -> r.row().acceptedAt()).containsExactly(1_004L, 1_005L);
    assertThat(claim("relay-c", 10, 2_000 + LEASE - 1))
        .extracting(r -> r.row().acceptedAt())
        .containsExactly(9_000L);
  }

  @Test
  void aRelayClaimsOnlyRowsOfItsOwnTenant() throws SQLException {
    insert(new OutboxRow(7, "signup", "{\"tenant\":7}", 1_000), null, 0);
    insert(row(1, 1_000), null, 0);

    assertThat(claim("relay-a", 10, 2_000)).extracting(r -> r.row().tenant()).containsExactly(42L);
  }

  @Test
  void anExpiredLeaseLetsAnotherRelayClaimTheRowAndTheFirstCanNoLongerSettleIt()
      throws SQLException {
    insert(row(1, 1_000), null, 0);
    ClaimedRow a = claim("relay-a", 10, 2_000).get(0);

    ClaimedRow b = claim("relay-b", 10, 2_000 + LEASE).get(0); // relay-a's lease ran out

    assertThat(b.id()).isEqualTo(a.id());
    try (Connection c = dataSource().getConnection()) {
      assertThat(table.delete(c, a.id(), "relay-a")).isFalse();
      assertThat(table.reschedule(c, a.id(), "relay-a", 1, 0, "late")).isFalse();
      assertThat(table.block(c, a.id(), "relay-a", "late")).isFalse();
      assertThat(table.delete(c, b.id(), "relay-b")).isTrue();
    }
    assertThat(backlog()).isEqualTo(new Backlog(0, 0, -1));
  }

  @Test
  void deliveredRowsAreDeletedInOneBatchOnlyWhereTheRelayStillHoldsThem() throws SQLException {
    for (int i = 0; i < 5; i++) {
      insert(row(i, 1_000), null, 0);
    }
    long[] mine = claim("relay-a", 3, 2_000).stream().mapToLong(ClaimedRow::id).toArray();
    long[] theirs = claim("relay-b", 2, 2_000).stream().mapToLong(ClaimedRow::id).toArray();

    try (Connection c = dataSource().getConnection()) {
      long[] both =
          java.util.stream.LongStream.concat(
                  java.util.Arrays.stream(mine), java.util.Arrays.stream(theirs))
              .toArray();
      assertThat(table.deleteAll(c, both, "relay-a")).isEqualTo(3);
      assertThat(c.getAutoCommit()).isTrue(); // the connection is given back as it came
    }
    assertThat(backlog().rows()).isEqualTo(2); // relay-b's two stay
    assertThat(claim("relay-c", 10, 2_000 + LEASE))
        .extracting(ClaimedRow::id)
        .containsExactly(theirs[0], theirs[1]);
  }

  @Test
  void aRowLeasedByTheInstanceThatWroteItWaitsForItsLeaseBeforeAnyRelayTakesIt()
      throws SQLException {
    long id = insert(row(1, 1_000), "writer", 1_000 + LEASE);

    assertThat(claim("relay-a", 10, 1_000 + LEASE - 1)).isEmpty();
    try (Connection c = dataSource().getConnection()) {
      assertThat(table.delete(c, id, "writer")).isTrue(); // the writer sent it after the commit
    }
    assertThat(claim("relay-a", 10, 1_000 + LEASE)).isEmpty();
  }

  @Test
  void aRescheduledRowIsDueAgainAtItsTimeWithItsAttemptsForAnyRelay() throws SQLException {
    insert(row(1, 1_000), null, 0);
    ClaimedRow a = claim("relay-a", 10, 2_000).get(0);
    try (Connection c = dataSource().getConnection()) {
      assertThat(table.reschedule(c, a.id(), "relay-a", 1, 5_000, "HTTP 503")).isTrue();
    }

    assertThat(claim("relay-b", 10, 4_999)).isEmpty();
    List<ClaimedRow> again = claim("relay-b", 10, 5_000);
    assertThat(again)
        .extracting(ClaimedRow::id, ClaimedRow::attempts)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(a.id(), 1));
  }

  @Test
  void aBlockedRowIsKeptCountedAndNeverClaimedAgain() throws SQLException {
    insert(row(1, 1_000), null, 0);
    insert(row(2, 1_100), null, 0);
    ClaimedRow a = claim("relay-a", 1, 2_000).get(0);
    try (Connection c = dataSource().getConnection()) {
      assertThat(table.block(c, a.id(), "relay-a", "x".repeat(3_000))).isTrue();
    }

    assertThat(claim("relay-b", 10, Long.MAX_VALUE / 2))
        .extracting(r -> r.row().acceptedAt())
        .containsExactly(1_100L);
    assertThat(backlog().blocked()).isEqualTo(1);
  }

  @Test
  void expiryDeletesOnlyDueRowsOlderThanTheLimitAndLeavesLeasedOnesToTheirOwner()
      throws SQLException {
    insert(row(1, 1_000), null, 0);
    insert(row(2, 1_500), "writer", 1_500 + LEASE);
    insert(row(3, 5_000), null, 0);

    try (Connection c = dataSource().getConnection()) {
      assertThat(table.expire(c, 6_000, 2_000)).isEqualTo(1);
    }

    assertThat(backlog().rows()).isEqualTo(2);
    assertThat(backlog().oldestAcceptedAt()).isEqualTo(1_500);
  }

  @Test
  void theBacklogCountsUpToItsCap() throws SQLException {
    for (int i = 0; i < 5; i++) {
      insert(row(i, 1_000 + i), null, 0);
    }
    try (Connection c = dataSource().getConnection()) {
      assertThat(table.backlog(c, 3).rows()).isEqualTo(3);
    }
    assertThat(backlog()).isEqualTo(new Backlog(5, 0, 1_000));
  }

  @Test
  void concurrentClaimersTakeEveryRowExactlyOnce() throws Exception {
    int rows = 1_000;
    try (Connection c = dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < rows; i++) {
        table.insert(c, row(i, 1_000), null, 0);
      }
      c.commit();
    }
    Set<Long> taken = ConcurrentHashMap.newKeySet();
    List<Long> duplicates = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> claimers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String owner = "relay-" + t;
        claimers.add(
            pool.submit(
                () -> {
                  List<ClaimedRow> batch;
                  do {
                    batch = claim(owner, 10, 2_000);
                    for (ClaimedRow r : batch) {
                      if (!taken.add(r.id())) {
                        duplicates.add(r.id());
                      }
                    }
                  } while (!batch.isEmpty() || backlogDue(2_000));
                  return null;
                }));
      }
      for (Future<?> f : claimers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(duplicates).isEmpty();
    assertThat(taken).hasSize(rows);
  }

  /** Whether any row is still due at {@code now} (a claimer that lost every race must go on). */
  private boolean backlogDue(long now) throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      return hasDue(c, now);
    }
  }

  private boolean hasDue(Connection c, long now) throws SQLException {
    try (Statement s = c.createStatement();
        java.sql.ResultSet r =
            s.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE next_attempt_at <= " + now)) {
      r.next();
      return r.getLong(1) > 0;
    }
  }
}
