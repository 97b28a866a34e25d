package dev.optievent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import dev.optievent.testing.ReceivedEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox's guarantees for a fleet, on a real PostgreSQL server: two instances of a Spring
 * application ({@link FleetMember}), each in a JVM of its own with its own relay, commit 10,000
 * orders from 8 writer threads, one transaction in five rolled back besides, while the endpoint
 * answers 503 for part of the run. Every committed order's event must arrive, no rolled-back one,
 * and the table must end empty. Killed with SIGKILL midway, an instance's rows go to the other once
 * their leases run out, and an event arrives twice only if it was among the dead instance's rows in
 * flight; with no kill, none arrives twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OutboxFleetTest {
  private static final int ORDERS_EACH = 5_000;
  private static final int THREADS_EACH = 4;
  private static final Duration STEP = Duration.ofSeconds(120);

  private final FakeOptimoveServer server = FakeOptimoveServer.builder().expectedTenant(42).start();
  private final DataSource database = TestDatabases.postgres();
  private final JdbcTemplate jdbc = new JdbcTemplate(database);
  private final List<Member> members = new ArrayList<>();

  @BeforeEach
  void freshTables() throws SQLException {
    jdbc.execute("DROP TABLE IF EXISTS orders");
    jdbc.execute("CREATE TABLE orders (id VARCHAR(40) PRIMARY KEY)");
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + OutboxSchema.DEFAULT_TABLE);
      OutboxSchema.create(c, OutboxDialect.of(c), OutboxSchema.DEFAULT_TABLE);
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Member m : members) {
      m.process.destroyForcibly();
      m.process.waitFor(10, TimeUnit.SECONDS);
    }
    server.close();
  }

  /** A fleet member's JVM, the largest in-flight count it reported, and its other lines. */
  private final class Member {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final AtomicInteger mostInFlight = new AtomicInteger();

    Member(String name) throws IOException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder pb =
          new ProcessBuilder(
              java.toString(),
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              FleetMember.class.getName(),
              TestDatabases.postgresUrl(),
              server.endpoint().toString(),
              name,
              Integer.toString(ORDERS_EACH),
              Integer.toString(THREADS_EACH));
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      process = pb.start();
      members.add(this);
      Thread reader = new Thread(this::read, "fleet-" + name + "-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("STATE ")) {
            int inFlight = Integer.parseInt(line.split(" ")[1]);
            mostInFlight.accumulateAndGet(inFlight, Math::max);
          } else {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        lines.add("READ FAILED " + e);
      }
    }

    String awaitLine(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + STEP.toNanos();
      while (true) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertThat(line).as("a line starting with %s", prefix).isNotNull();
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    void stopAndAwaitExit() throws IOException, InterruptedException {
      Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      in.write("stop\n");
      in.flush();
      System.out.println(awaitLine("CLIENT"));
      assertThat(process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    }
  }

  private long committed(String prefix) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM orders WHERE id LIKE ?", Long.class, prefix + "%");
  }

  private long outboxRows() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM optimove_outbox", Long.class);
  }

  /** Runs the fleet, killing the first member midway if asked; returns the events sent twice. */
  private long runFleet(boolean kill) throws Exception {
    Member a = new Member("a");
    Member b = new Member("b");

    Awaitility.await().atMost(STEP).until(() -> committed("") >= 2_000);
    server.failEvent("order_placed", Fault.status(503)); // down
    Awaitility.await().atMost(STEP).until(() -> committed("") >= 4_000);
    server.failEvent("order_placed", null); // up again
    if (kill) {
      Awaitility.await()
          .atMost(STEP)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> committed("a-") >= ORDERS_EACH * 3 / 4);
      a.process.destroyForcibly(); // SIGKILL: no close(), no shutdown hook, no last writes
      assertThat(a.process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } else {
      a.awaitLine("WRITTEN");
    }
    b.awaitLine("WRITTEN");

    Awaitility.await().atMost(STEP).until(() -> outboxRows() == 0);
    b.stopAndAwaitExit();
    if (!kill) {
      a.stopAndAwaitExit();
    }

    Set<String> committed = new HashSet<>(jdbc.queryForList("SELECT id FROM orders", String.class));
    Map<String, Long> received =
        server.acceptedEvents().stream()
            .collect(Collectors.groupingBy(ReceivedEvent::customer, Collectors.counting()));
    assertThat(received.keySet())
        .as("every committed order's event, and only those")
        .isEqualTo(committed);
    assertThat(outboxRows()).isZero();
    long twice = received.values().stream().mapToLong(n -> n - 1).sum();
    System.out.printf(
        "fleet%s: %d committed, %d received, %d twice, most in flight a=%d b=%d%n",
        kill ? " with a kill" : "",
        committed.size(),
        server.acceptedCount(),
        twice,
        a.mostInFlight.get(),
        b.mostInFlight.get());
    assertThat(received.values()).allMatch(n -> n <= 2);
    if (kill) {
      assertThat(committed("a-")).isLessThan(ORDERS_EACH);
      assertThat(committed("b-")).isEqualTo(ORDERS_EACH);
      // Only the dead instance's rows in flight can have been sent and not deleted.
      assertThat(twice).isLessThanOrEqualTo(a.mostInFlight.get());
    } else {
      assertThat(committed).hasSize(2 * ORDERS_EACH);
    }
    return twice;
  }

  @Test
  void aFleetDeliversEveryCommittedEventOnceAndNoRolledBackOne() throws Exception {
    assertThat(runFleet(false)).isZero();
  }

  @Test
  void whenAnInstanceIsKilledTheOtherDeliversItsRowsAndOnlyItsRowsInFlightCanArriveTwice()
      throws Exception {
    runFleet(true);
  }
}
