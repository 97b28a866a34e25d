package dev.optievent.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The outbox benchmarks' database: H2 in memory, or a real PostgreSQL server (zonky's embedded
 * binaries, run as a child process with its default settings) started for the trial.
 */
final class BenchDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  final DataSource dataSource;

  private BenchDatabase(EmbeddedPostgres postgres, DataSource dataSource) {
    this.postgres = postgres;
    this.dataSource = dataSource;
  }

  /**
   * @param name {@code h2} or {@code postgresql}
   */
  static BenchDatabase start(String name) {
    switch (name) {
      case "h2":
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new BenchDatabase(null, h2);
      case "postgresql":
        try {
          EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
          return new BenchDatabase(pg, pg.getPostgresDatabase());
        } catch (IOException e) {
          throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
      default:
        throw new IllegalArgumentException("database is h2 or postgresql, not " + name);
    }
  }

  /** Runs one statement on a connection of its own. */
  void execute(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The rows in {@code table}. */
  long count(String table) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        var r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }
}
