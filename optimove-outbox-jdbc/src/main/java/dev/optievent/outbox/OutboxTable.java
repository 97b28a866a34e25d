package dev.optievent.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outbox table's statements. Each method works on the connection it is given, in whatever
 * transaction that connection is in (the caller's, for an insert that must commit with the business
 * rows); only a claim on a database without {@code RETURNING} runs a transaction of its own.
 *
 * <p>A claim gives a relay the row for a lease: its {@code lease_owner} and a {@code
 * next_attempt_at} at the lease's end, so that the row is not due for anyone else until then. Every
 * later write (delete, reschedule, block) applies only while the row is still the owner's: a relay
 * whose lease ran out, and whose row another relay claimed, changes nothing.
 */
final class OutboxTable {
  private static final String COLUMNS = "id, tenant, event_key, body, accepted_at, attempts";

  private final OutboxDialect dialect;
  private final String insert;
  private final String claimReturning;
  private final String dueRows;
  private final String lockDueRows;
  private final String take;
  private final String delete;
  private final String renew;
  private final String reschedule;
  private final String block;
  private final String expire;
  private final String waiting;
  private final String blocked;
  private final String oldest;
  private final String probe;
  private final OutboxDialect.Claim claim;

  /**
   * @param dialect the database's dialect
   * @param table the table's name, checked ({@link OutboxSchema#checkedTable})
   */
  OutboxTable(OutboxDialect dialect, String table) {
    this(dialect, table, dialect.claim);
  }

  /**
   * A table claimed another way than its dialect's: for tests, which run MySQL's way (lock, then
   * take) on PostgreSQL, the only server with {@code SKIP LOCKED} in the build.
   */
  OutboxTable(OutboxDialect dialect, String table, OutboxDialect.Claim claim) {
    this.dialect = dialect;
    this.claim = claim;
    String t = OutboxSchema.checkedTable(table);
    String notBlocked = dialect == OutboxDialect.POSTGRESQL ? "NOT blocked" : "blocked = FALSE";
    String due = " FROM " + t + " WHERE " + notBlocked + " AND next_attempt_at <= ?";
    // A relay sends only its own tenant's rows (a table shared by applications of two tenants).
    String dueForTenant = due + " AND tenant = ?";
    insert =
        "INSERT INTO "
            + t
            + " (tenant, event_key, body, accepted_at, next_attempt_at, lease_owner)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    claimReturning =
        "UPDATE "
            + t
            + " SET lease_owner = ?, next_attempt_at = ?, version = version + 1 WHERE id IN"
            + " (SELECT id"
            + dueForTenant
            + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING "
            + COLUMNS;
    dueRows = "SELECT " + COLUMNS + ", version" + dueForTenant + " ORDER BY id LIMIT ?";
    lockDueRows = dueRows + " FOR UPDATE SKIP LOCKED";
    take =
        "UPDATE "
            + t
            + " SET lease_owner = ?, next_attempt_at = ?, version = version + 1"
            + " WHERE id = ? AND version = ? AND next_attempt_at <= ?";
    String owned = " WHERE id = ? AND lease_owner = ?";
    delete = "DELETE FROM " + t + owned;
    renew = "UPDATE " + t + " SET next_attempt_at = ? WHERE lease_owner = ?";
    reschedule =
        "UPDATE "
            + t
            + " SET attempts = ?, next_attempt_at = ?, last_answer = ?, lease_owner = NULL,"
            + " version = version + 1"
            + owned;
    block =
        "UPDATE "
            + t
            + " SET blocked = TRUE, last_answer = ?, lease_owner = NULL, version = version + 1"
            + owned;
    expire = "DELETE" + due + " AND accepted_at < ?";
    waiting = "SELECT COUNT(*) FROM (SELECT id FROM " + t + " WHERE " + notBlocked + " LIMIT ?) w";
    blocked =
        "SELECT COUNT(*) FROM (SELECT id FROM "
            + t
            + " WHERE "
            + (dialect == OutboxDialect.POSTGRESQL ? "blocked" : "blocked = TRUE")
            + " LIMIT ?) b";
    oldest = "SELECT accepted_at FROM " + t + " WHERE " + notBlocked + " ORDER BY id LIMIT 1";
    probe =
        "SELECT id, tenant, event_key, body, accepted_at, next_attempt_at, attempts, lease_owner,"
            + " blocked, last_answer, version FROM "
            + t
            + " WHERE 1 = 0";
  }

  /**
   * Checks that the table exists with every column the outbox uses: at start-up, so that a missing
   * migration fails there, with what to do, and not in the application's transactions.
   *
   * @throws SQLException naming the table and the DDL to run
   */
  void check(Connection c, String table) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(probe)) {
      s.executeQuery().close();
    } catch (SQLException e) {
      throw new SQLException(
          "The Optimove outbox table '"
              + table
              + "' is missing or lacks columns ("
              + e.getMessage()
              + "). Create it with the DDL in the optimove-outbox-jdbc jar at "
              + OutboxSchema.resource(dialect)
              + " (copy it into your migrations), or let the outbox create it (createTable(true),"
              + " or optimove.outbox.initialize-schema=always with Spring Boot).",
          e.getSQLState(),
          e);
    }
  }

  /**
   * Inserts one row, leased to {@code owner} until {@code leaseUntil} (the instance that wrote it
   * sends it after the commit; if it dies first, the lease runs out and any relay takes it), or due
   * at once for every relay when {@code owner} is {@code null}.
   *
   * @return the row's ID
   */
  long insert(Connection c, OutboxRow row, String owner, long leaseUntil) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(insert, new String[] {"id"})) {
      s.setLong(1, row.tenant());
      s.setString(2, row.eventKey());
      s.setString(3, row.body());
      s.setLong(4, row.acceptedAt());
      s.setLong(5, owner == null ? row.acceptedAt() : leaseUntil);
      s.setString(6, owner);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database returned no ID for the inserted outbox row");
        }
        return keys.getLong(1);
      }
    }
  }

  /**
   * Claims up to {@code max} due rows, oldest first, for {@code owner} until {@code leaseUntil}.
   * Two claimers never get the same row.
   *
   * @param now the time (ms since the epoch): rows due at or before it are claimed
   * @return the rows claimed, in ID order; none if every due row is taken
   */
  List<ClaimedRow> claim(
      Connection c, long tenant, String owner, int max, long now, long leaseUntil)
      throws SQLException {
    Due due = new Due(tenant, max, now);
    List<ClaimedRow> rows =
        switch (claim) {
          case SKIP_LOCKED_RETURNING -> claimReturning(c, owner, due, leaseUntil);
          case SKIP_LOCKED -> claimLocked(c, owner, due, leaseUntil);
          case OPTIMISTIC -> claimOptimistic(c, owner, due, leaseUntil);
        };
    rows.sort(Comparator.comparingLong(ClaimedRow::id));
    return rows;
  }

  /** Which rows a claim looks for: due at {@code now}, of {@code tenant}, at most {@code max}. */
  private record Due(long tenant, int max, long now) {
    /** Sets the due query's parameters from {@code index} on. */
    void set(PreparedStatement s, int index) throws SQLException {
      s.setLong(index, now);
      s.setLong(index + 1, tenant);
      s.setInt(index + 2, max);
    }
  }

  private List<ClaimedRow> claimReturning(Connection c, String owner, Due due, long leaseUntil)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(claimReturning)) {
      s.setString(1, owner);
      s.setLong(2, leaseUntil);
      due.set(s, 3);
      try (ResultSet r = s.executeQuery()) {
        return read(r);
      }
    }
  }

  /** Locks due rows in a transaction of its own, then takes them. */
  private List<ClaimedRow> claimLocked(Connection c, String owner, Due due, long leaseUntil)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      // Locked by this transaction: their versions cannot move before the takes.
      List<ClaimedRow> rows = take(c, owner, candidates(c, lockDueRows, due), due, leaseUntil);
      c.commit();
      return rows;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Reads due rows without locks, then takes each whose version has not moved since. */
  private List<ClaimedRow> claimOptimistic(Connection c, String owner, Due due, long leaseUntil)
      throws SQLException {
    return take(c, owner, candidates(c, dueRows, due), due, leaseUntil);
  }

  /** A due row as read, with the version a take expects. */
  private record Candidate(ClaimedRow row, long version) {}

  private List<Candidate> candidates(Connection c, String sql, Due due) throws SQLException {
    List<Candidate> candidates = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      due.set(s, 1);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          candidates.add(new Candidate(row(r), r.getLong(7)));
        }
      }
    }
    return candidates;
  }

  /**
   * Leases each candidate to {@code owner} if it is still due and still at the version read: one
   * statement, prepared once, per row.
   *
   * @return the rows taken; the others went to another claimer first
   */
  private List<ClaimedRow> take(
      Connection c, String owner, List<Candidate> candidates, Due due, long leaseUntil)
      throws SQLException {
    List<ClaimedRow> rows = new ArrayList<>(candidates.size());
    if (candidates.isEmpty()) {
      return rows;
    }
    try (PreparedStatement s = c.prepareStatement(take)) {
      for (Candidate candidate : candidates) {
        s.setString(1, owner);
        s.setLong(2, leaseUntil);
        s.setLong(3, candidate.row().id());
        s.setLong(4, candidate.version());
        s.setLong(5, due.now());
        if (s.executeUpdate() == 1) {
          rows.add(candidate.row());
        }
      }
    }
    return rows;
  }

  private static List<ClaimedRow> read(ResultSet r) throws SQLException {
    List<ClaimedRow> rows = new ArrayList<>();
    while (r.next()) {
      rows.add(row(r));
    }
    return rows;
  }

  /** The claimed row at the result's cursor, from the {@link #COLUMNS} first. */
  private static ClaimedRow row(ResultSet r) throws SQLException {
    return new ClaimedRow(
        r.getLong(1),
        new OutboxRow(r.getLong(2), r.getString(3), r.getString(4), r.getLong(5)),
        r.getInt(6));
  }

  /**
   * Extends every lease {@code owner} holds to {@code leaseUntil}: a live relay keeps the rows it
   * is sending; a dead one stops renewing, and its rows fall due for the others.
   *
   * @return how many rows it holds
   */
  int renew(Connection c, String owner, long leaseUntil) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(renew)) {
      s.setLong(1, leaseUntil);
      s.setString(2, owner);
      return s.executeUpdate();
    }
  }

  /**
   * Deletes a delivered row, if {@code owner} still holds it.
   *
   * @return whether it did
   */
  boolean delete(Connection c, long id, String owner) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(delete)) {
      s.setLong(1, id);
      s.setString(2, owner);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Deletes delivered rows that {@code owner} still holds, in one transaction of one batch: one
   * commit however many rows, where a delete per row would wait for a commit each.
   *
   * @return how many it deleted
   */
  int deleteAll(Connection c, long[] ids, String owner) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement s = c.prepareStatement(delete)) {
      for (long id : ids) {
        s.setLong(1, id);
        s.setString(2, owner);
        s.addBatch();
      }
      int deleted = 0;
      for (int n : s.executeBatch()) {
        // A driver that cannot tell (SUCCESS_NO_INFO) deleted it: the batch did not fail.
        deleted += n == PreparedStatement.SUCCESS_NO_INFO ? 1 : n;
      }
      c.commit();
      return deleted;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * Gives a row back after a transient failure: due again at {@code nextAttemptAt}, for any relay.
   *
   * @return whether {@code owner} still held it
   */
  boolean reschedule(
      Connection c, long id, String owner, int attempts, long nextAttemptAt, String answer)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(reschedule)) {
      s.setInt(1, attempts);
      s.setLong(2, nextAttemptAt);
      s.setString(3, truncated(answer));
      s.setLong(4, id);
      s.setString(5, owner);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Marks a row Optimove refused as blocked, with its answer: kept for a person to read, never sent
   * again.
   *
   * @return whether {@code owner} still held it
   */
  boolean block(Connection c, long id, String owner, String answer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(block)) {
      s.setString(1, truncated(answer));
      s.setLong(2, id);
      s.setString(3, owner);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Deletes due rows accepted before {@code acceptedBefore} (too old to send); rows under a live
   * lease are left to their owner.
   *
   * @return how many it deleted
   */
  int expire(Connection c, long now, long acceptedBefore) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(expire)) {
      s.setLong(1, now);
      s.setLong(2, acceptedBefore);
      return s.executeUpdate();
    }
  }

  /** The backlog, each count read up to {@code cap} rows. */
  Backlog backlog(Connection c, int cap) throws SQLException {
    long rows = count(c, waiting, cap);
    long refused = count(c, blocked, cap);
    long oldestAt = -1;
    try (PreparedStatement s = c.prepareStatement(oldest);
        ResultSet r = s.executeQuery()) {
      if (r.next()) {
        oldestAt = r.getLong(1);
      }
    }
    return new Backlog(rows, refused, oldestAt);
  }

  private static long count(Connection c, String sql, int cap) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, cap);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static String truncated(String answer) {
    return answer == null || answer.length() <= 2000 ? answer : answer.substring(0, 2000);
  }
}
