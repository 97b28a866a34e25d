package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events survive the JVM: a child JVM reports to an endpoint that is down and closes, or is killed
 * with SIGKILL once its spool has synced; a second child JVM, with the endpoint up, delivers them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SpoolRestartTest {
  private static final long STEP_SECONDS = 60;

  @TempDir Path spoolDir;
  private final List<Process> children = new ArrayList<>();
  private FakeOptimoveServer server;

  @AfterEach
  void cleanUp() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  /** A child JVM and the lines it prints. */
  private final class Child {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Child(String role, URI endpoint, int n) throws IOException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder pb =
          new ProcessBuilder(
              java.toString(),
              "-cp",
              System.getProperty("java.class.path"),
              SpoolChild.class.getName(),
              role,
              endpoint.toString(),
              spoolDir.toString(),
              Integer.toString(n));
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      process = pb.start();
      children.add(process);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("READ FAILED " + e);
                }
              },
              "spool-child-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** The next line starting with {@code prefix}, waiting for it. */
    String awaitLine(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
      while (true) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertThat(line).as("a line starting with %s from the child", prefix).isNotNull();
        assertThat(line).as("the child's line").doesNotStartWith("TIMEOUT");
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)).as("child ended").isTrue();
      return process.exitValue();
    }
  }

  private static URI downEndpoint() {
    return URI.create(
        "http://127.0.0.1:"
            + FakeOptimoveServer.freeLoopbackPort()
            + FakeOptimoveServer.EVENTS_PATH);
  }

  private static Set<Integer> numbers(List<ReceivedEvent> events) {
    return events.stream()
        .map(e -> ((Number) e.context().get("n")).intValue())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private void assertASecondJvmDeliversAll(int n) throws Exception {
    server = FakeOptimoveServer.builder().expectedTenant(DeliveryFixture.TENANT).start();
    Child second = new Child("deliver", server.endpoint(), n);

    String delivered = second.awaitLine("DELIVERED");

    assertThat(delivered).isEqualTo("DELIVERED " + n + " " + n);
    assertThat(second.awaitExit()).isZero();
    assertThat(numbers(server.acceptedEvents()))
        .isEqualTo(IntStream.range(0, n).boxed().collect(Collectors.toSet()));
  }

  /** Neither the directory nor a file in it is open to group or others (where POSIX applies). */
  private static void assertPrivate(Path dir) throws IOException {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> open =
        EnumSet.complementOf(
            EnumSet.of(
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
    List<Path> all;
    try (Stream<Path> files = Files.walk(dir)) {
      all = files.toList();
    }
    assertThat(all).hasSizeGreaterThan(2); // the directory, its lock and segments
    for (Path p : all) {
      assertThat(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
          .as("%s", p)
          .doesNotContainAnyElementsOf(open);
    }
  }

  @Test
  void aClientInAnotherJvmIsRefusedTheDirectoryNamingItAndTheLock() throws Exception {
    try (OptimoveClient holder =
        OptimoveClient.create(
            DeliveryFixture.config(downEndpoint()).spoolDirectory(spoolDir).build())) {
      Child other = new Child("open", downEndpoint(), 0);

      String line = other.awaitLine("");

      assertThat(line)
          .startsWith("REFUSED")
          .contains(spoolDir.toAbsolutePath().toString())
          .contains(spoolDir.resolve("spool.lock").toAbsolutePath().toString());
      assertThat(other.awaitExit()).isZero();
      assertThat(holder.isClosed()).isFalse();
    }
  }

  @Test
  void aClientRefusedInTheSameJvmDoesNotReleaseTheHoldersLock() throws Exception {
    OptimoveConfig config = DeliveryFixture.config(downEndpoint()).spoolDirectory(spoolDir).build();
    try (OptimoveClient holder = OptimoveClient.create(config)) {
      assertThatThrownBy(() -> OptimoveClient.create(config))
          .isInstanceOf(OptimoveConfigException.class)
          .hasMessageContaining("is in use by another Optimove client");

      Child other = new Child("open", downEndpoint(), 0);

      assertThat(other.awaitLine(""))
          .as("another JVM, after the in-JVM refusal")
          .startsWith("REFUSED");
      assertThat(other.awaitExit()).isZero();
      assertThat(holder.isClosed()).isFalse();
    }
  }

  @Test
  void eventsKeptByANormalCloseAreDeliveredByTheNextJvm() throws Exception {
    int n = 200;
    Child first = new Child("close", downEndpoint(), n);
    assertThat(first.awaitLine("CLOSED")).isEqualTo("CLOSED " + n + " " + n);
    assertThat(first.awaitExit()).isZero();

    assertASecondJvmDeliversAll(n);
  }

  @Test
  void eventsSyncedBeforeAKillDashNineAreDeliveredByTheNextJvm() throws Exception {
    int n = 200;
    Child first = new Child("hang", downEndpoint(), n);
    first.awaitLine("SYNCED");

    first.process.destroyForcibly(); // SIGKILL: no close(), no shutdown hook
    assertThat(first.process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertPrivate(spoolDir);

    assertASecondJvmDeliversAll(n);
  }
}
