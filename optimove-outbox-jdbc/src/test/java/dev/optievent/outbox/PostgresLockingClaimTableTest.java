package dev.optievent.outbox;

import javax.sql.DataSource;

/**
 * The contract with MySQL's way of claiming (lock due rows with {@code FOR UPDATE SKIP LOCKED} in a
 * transaction, then take them one by one), run on PostgreSQL: no MySQL server runs in the build,
 * and PostgreSQL has the same {@code SKIP LOCKED} semantics.
 */
class PostgresLockingClaimTableTest extends OutboxTableContract {
  @Override
  DataSource dataSource() {
    return TestDatabases.postgres();
  }

  @Override
  OutboxTable table(OutboxDialect dialect) {
    return new OutboxTable(dialect, TABLE, OutboxDialect.Claim.SKIP_LOCKED);
  }
}
