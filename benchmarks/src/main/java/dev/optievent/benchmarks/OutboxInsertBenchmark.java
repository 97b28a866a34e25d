package dev.optievent.benchmarks;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.outbox.OptimoveOutbox;
import dev.optievent.testing.FakeOptimoveServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What storing an event in the outbox adds to a business transaction, on the calling thread: one
 * transaction per operation on one connection (as a pool lends it), {@code business} inserts an
 * order and commits; {@code businessAndOutbox} does the same and {@link OptimoveOutbox#write}s its
 * event (checked, serialized, inserted) before the commit. The relay does not run (a poll of an
 * hour, after its first empty round), so only the insert is measured; the difference between the
 * two rows is the outbox's cost per event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class OutboxInsertBenchmark {
  /** The database: H2 in memory, or PostgreSQL on loopback. */
  @Param({"h2", "postgresql"})
  public String database;

  private BenchDatabase db;
  private FakeOptimoveServer server;
  private OptimoveClient client;
  private OptimoveOutbox outbox;
  private Connection connection;
  private PreparedStatement insertOrder;
  private Event[] events;
  private long n;

  @Setup(Level.Trial)
  public void start() throws SQLException {
    db = BenchDatabase.start(database);
    db.execute(
        "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(64) NOT NULL,"
            + " total INT NOT NULL)");
    server = Fixtures.fastServer();
    client = OptimoveClient.create(Fixtures.defaults(server.endpoint()).build());
    outbox =
        OptimoveOutbox.builder(db.dataSource, client)
            .createTable(true)
            .pollInterval(Duration.ofHours(1))
            .build();
    connection = db.dataSource.getConnection();
    connection.setAutoCommit(false);
    insertOrder = connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?)");
    events = new Event[1024];
    for (int i = 0; i < events.length; i++) {
      events[i] = Fixtures.event(i);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    insertOrder.close();
    connection.close();
    outbox.close();
    client.close();
    server.close();
    db.close();
  }

  private void insertOrder() throws SQLException {
    long id = n++;
    insertOrder.setLong(1, id);
    insertOrder.setString(2, "c-" + (id & 1023));
    insertOrder.setInt(3, 40);
    insertOrder.executeUpdate();
  }

  /** Baseline: the business insert and the commit. */
  @Benchmark
  public void business() throws SQLException {
    insertOrder();
    connection.commit();
  }

  /** The same, with the order's event written to the outbox in the same transaction. */
  @Benchmark
  public boolean businessAndOutbox() throws SQLException {
    insertOrder();
    boolean stored = outbox.write(connection, events[(int) (n & 1023)]);
    connection.commit();
    return stored;
  }
}
