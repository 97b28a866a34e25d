package dev.optievent.benchmarks;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.outbox.OptimoveOutbox;
import dev.optievent.testing.FakeOptimoveServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through the outbox's relay against an endpoint that answers after 50 ms, as a
 * ratio of the client alone in the same run: {@code direct} sends a burst of {@value #EVENTS}
 * events with {@code send} and waits until the client counted them delivered (as {@code
 * DeliveryThroughputBenchmark} does); {@code relay} finds the same number of committed rows in the
 * outbox table (written before the invocation, untimed), starts a relay, and waits until every row
 * is delivered and deleted. Both clients have the default settings (adaptive, up to 256 in flight);
 * the relay has the outbox's defaults (batches of 100, claimed again at once while a batch comes
 * back full). One invocation per iteration, so the score is events per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The adaptive limits of both clients climb over the first bursts: enough warm-up for them to
// settle.
@Warmup(iterations = 6, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Dsun.net.httpserver.nodelay=true",
      "-Xms2g",
      "-Xmx2g",
      "-Dorg.slf4j.simpleLogger.log.dev.optievent.client.OptimoveClient=error"
    })
@State(Scope.Benchmark)
public class OutboxRelayThroughputBenchmark {
  /** Events per burst: fits the default queue (10,000) without a drop. */
  static final int EVENTS = 5_120;

  /** The database: H2 in memory, or PostgreSQL on loopback. */
  @Param({"h2", "postgresql"})
  public String database;

  private BenchDatabase db;
  private FakeOptimoveServer server;
  private OptimoveClient direct;
  private OptimoveClient relayed;
  private OptimoveOutbox writer;
  private Event[] events;

  @Setup(Level.Trial)
  public void start() throws SQLException {
    db = BenchDatabase.start(database);
    server = Fixtures.slowServer(Duration.ofMillis(50));
    direct = OptimoveClient.create(Fixtures.defaults(server.endpoint()).build());
    relayed = OptimoveClient.create(Fixtures.defaults(server.endpoint()).build());
    // Writes the rows between invocations; its own relay is closed at once and never claims.
    writer = OptimoveOutbox.builder(db.dataSource, relayed).createTable(true).build();
    writer.close();
    events = new Event[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      events[i] = Fixtures.event(i);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    direct.close();
    relayed.close();
    server.close();
    db.close();
  }

  /** The rows of one {@code relay} invocation: committed before it, untimed. */
  @State(Scope.Benchmark)
  public static class Rows {
    /**
     * Commits a burst's rows, 500 per transaction.
     *
     * @param b the benchmark's state, whose database and writer it uses
     * @throws SQLException if the database refuses
     */
    @Setup(Level.Invocation)
    public void fill(OutboxRelayThroughputBenchmark b) throws SQLException {
      if (b.db.count("optimove_outbox") != 0) {
        throw new IllegalStateException("rows were left from the invocation before");
      }
      try (Connection c = b.db.dataSource.getConnection()) {
        c.setAutoCommit(false);
        for (int i = 0; i < EVENTS; i++) {
          b.writer.write(c, b.events[i]);
          if (i % 500 == 499) {
            c.commit();
          }
        }
        c.commit();
      }
    }
  }

  /** Baseline: the client alone, {@code send} then wait for every delivery. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void direct() {
    Fixtures.burst(direct, events);
  }

  /** A relay claims the burst's rows, sends them through its client, and deletes each. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void relay(Rows rows) throws SQLException {
    long target = relayed.stats().delivered() + EVENTS;
    try (OptimoveOutbox outbox = OptimoveOutbox.builder(db.dataSource, relayed).build()) {
      Fixtures.awaitDelivered(relayed, target, Duration.ofMinutes(2));
      while (db.count("optimove_outbox") > 0) {
        LockSupport.parkNanos(1_000_000);
      }
    }
  }
}
