package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.client.logcapture.LogCapture;
import dev.optievent.testing.FakeOptimoveServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * The spool's promises one by one: written ahead at once, forced at the sync interval, segments
 * rolled and deleted, bounded by spoolMaxBytes, damage found at replay counted, and the spool
 * thread parked when there is nothing to do.
 */
class SpoolPromisesTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path spoolDir;

  @RegisterExtension final LogCapture logs = LogCapture.under("dev.optievent.client");

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.down();
  private OptimoveClient client;
  private FakeOptimoveServer server;

  private OptimoveConfig.Builder spooled(Duration syncInterval) {
    return endpoint
        .config()
        .spoolDirectory(spoolDir)
        .spoolSyncInterval(syncInterval)
        .maxAttempts(1_000_000)
        .shutdownTimeout(Duration.ofMillis(200));
  }

  private void startServer() {
    server = endpoint.start();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(spoolDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
  }

  private List<String> spoolThreadProblems() {
    return logs.lines(l -> l.message().contains("spool thread hit")).stream()
        .map(Object::toString)
        .toList();
  }

  /** Sends {@code n} events to the down endpoint and closes: they stay in the spool. */
  private ClientStats sendDuringOutageAndClose(OptimoveConfig config, int n) {
    OptimoveClient first = endpoint.client(config);
    for (int i = 0; i < n; i++) {
      first.send(event(i));
    }
    first.close();
    return assertBalanced(first.stats());
  }

  private static Set<Thread> spoolThreads() {
    Set<Thread> threads = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("optimove-spool-")) {
        threads.add(t);
      }
    }
    return threads;
  }

  @Test
  void queuedEventsAreWrittenAheadAtOnceButForcedOnlyAtTheSyncIntervalOrAtClose() {
    client = endpoint.client(spooled(HOUR).build());
    for (int i = 0; i < 5; i++) {
      client.send(event(i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() > 0);
    long written = client.stats().spoolBytes();
    client.send(event(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() > written);

    assertThat(client.spoolSyncedRecords()).as("forced before the sync interval").isZero();

    long start = System.nanoTime();
    client.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("close wakes the parked spool thread")
        .isLessThan(Duration.ofSeconds(5));
    ClientStats closed = assertBalanced(client.stats());
    assertThat(closed.dropped()).isZero();
    assertThat(closed.spooled()).isEqualTo(6);
    assertThat(client.spoolSyncedRecords()).as("forced at close").isEqualTo(6);
    assertThat(logs.containing("6 undelivered event(s) kept in the spool")).hasSize(1);
  }

  @Test
  void writesAreForcedWithinTheSyncInterval() {
    client = endpoint.client(spooled(Duration.ofMillis(50)).build());
    for (int i = 0; i < 20; i++) {
      client.send(event(i));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> client.spoolSyncedRecords() == 20);
    assertThat(client.stats().spooled()).as("queued in memory, not on disk only").isZero();
  }

  @Test
  void theSpoolThreadIsADaemonThatParksWhenThereIsNothingToDo() {
    Set<Thread> before = spoolThreads();
    client = endpoint.client(spooled(HOUR).build());
    Set<Thread> mine = spoolThreads();
    mine.removeAll(before);
    assertThat(mine).hasSize(1);
    Thread thread = mine.iterator().next();

    assertThat(thread.isDaemon()).isTrue();
    client.send(event(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() > 0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> thread.getState() == Thread.State.TIMED_WAITING);
  }

  @Test
  void segmentsRollAtASixteenthOfSpoolMaxBytesAndAreDeletedOnceDelivered() throws IOException {
    OptimoveConfig.Builder config = spooled(Duration.ofMillis(50)).spoolMaxBytes(1 << 20);
    ClientStats closed = sendDuringOutageAndClose(config.build(), 1_000);
    assertThat(closed.spooled()).isEqualTo(1_000);
    List<Path> files = segments();
    assertThat(files).as("64 KiB segments").hasSizeGreaterThanOrEqualTo(2);
    for (Path full : files.subList(0, files.size() - 1)) {
      assertThat(Files.size(full)).isBetween(64L * 1024, 64L * 1024 + 1024);
    }
    startServer();

    client = endpoint.client(config.build());

    assertThat(client.flush(Duration.ofSeconds(30))).as("flush, %s", client.stats()).isTrue();
    assertThat(server.acceptedCount()).isEqualTo(1_000);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> segments().size() == 1 && client.stats().spoolBytes() == 0);
    assertThat(Files.size(segments().get(0))).isZero();
    assertThat(logs.containing("1000 undelivered event(s) found")).hasSize(1);
    assertThat(spoolThreadProblems()).isEmpty();
  }

  @Test
  void aSpoolFullAtCloseKeepsWhatFitsAndDropsTheRestAsShutdown() {
    OptimoveConfig config =
        spooled(Duration.ofMillis(50)).spoolMaxBytes(64 * 1024).queueCapacity(2_000).build();

    ClientStats closed = sendDuringOutageAndClose(config, 1_000);

    assertThat(closed.spooled()).as("%s", closed).isPositive();
    assertThat(closed.dropped(Reasons.SHUTDOWN)).as("%s", closed).isPositive();
    assertThat(closed.spooled() + closed.dropped(Reasons.SHUTDOWN)).isEqualTo(1_000);
    assertThat(closed.dropped(Reasons.QUEUE_FULL)).isZero();
    assertThat(closed.spoolBytes()).isPositive().isLessThanOrEqualTo(64 * 1024);
    assertThat(
            logs.lines(
                l ->
                    l.level() == Level.WARN
                        && l.logger().endsWith("Spool")
                        && l.message().contains("is full")))
        .as("warned once")
        .hasSize(1);
  }

  @Test
  void aCleanCloseSaysNothingOfEventsKept() throws IOException {
    startServer();
    client = endpoint.client(spooled(Duration.ofMillis(50)).build());
    client.send(event(1));
    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
    client.close();

    assertThat(logs.containing("kept in the spool")).isEmpty();
    assertThat(logs.containing("undelivered event(s) found")).isEmpty();
    assertThat(segments()).isEmpty();
  }

  @Test
  void refusedOverflowDoesNotUseUpTheSpoolForLater() {
    OptimoveConfig config =
        spooled(Duration.ofMillis(50))
            .queueCapacity(10)
            .maxInFlight(2)
            .spoolMaxBytes(64 * 1024)
            .build();
    client = endpoint.client(config);
    for (int i = 0; i < 2_000; i++) {
      client.send(event(i));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> assertBalanced(client.stats()).dropped(Reasons.QUEUE_FULL) > 0);
    startServer();
    assertThat(client.flush(Duration.ofSeconds(30))).as("flush, %s", client.stats()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() == 0);
    server.close();
    server = null;
    long queueFull = client.stats().dropped(Reasons.QUEUE_FULL);

    for (int i = 0; i < 100; i++) {
      client.send(event(10_000 + i));
    }

    ClientStats after = assertBalanced(client.stats());
    assertThat(after.dropped(Reasons.QUEUE_FULL))
        .as("the overflow went to the emptied spool, %s", after)
        .isEqualTo(queueFull);
    assertThat(after.spooled()).isPositive();
  }

  @Test
  void aRecordThatChecksOutButIsNoEventIsCountedAsCorruptWhenReplayed() throws IOException {
    sendDuringOutageAndClose(spooled(Duration.ofMillis(50)).build(), 3);
    List<Path> files = segments();
    assertThat(files).hasSize(1);
    Files.write(
        files.get(0),
        record("not a spooled event".getBytes(StandardCharsets.UTF_8)),
        StandardOpenOption.APPEND);
    startServer();

    client = endpoint.client(spooled(Duration.ofMillis(50)).build());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.stats().pending() == 0
                    && client.stats().dropped(Reasons.SPOOL_CORRUPT) == 1);
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.accepted()).isEqualTo(4);
    assertThat(stats.delivered()).isEqualTo(3);
    assertThat(server.acceptedCount()).isEqualTo(3);
    assertThat(logs.containing("cannot be read and is skipped")).hasSize(1);
  }

  @Test
  void aSegmentWithNothingToReplayIsDeletedAtStart() throws IOException {
    Path garbage = spoolDir.resolve("segment-0000000000000001.log");
    Files.write(garbage, "nothing but noise in here".getBytes(StandardCharsets.UTF_8));

    client = endpoint.client(spooled(HOUR).build());

    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(garbage));
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.dropped(Reasons.SPOOL_CORRUPT)).isEqualTo(1);
    assertThat(logs.containing("failed their checksum")).hasSize(1);
    assertThat(logs.containing("undelivered event(s) found")).isEmpty();
  }

  /** A record as the segment log writes it: magic, length, CRC32C of length and payload. */
  private static byte[] record(byte[] payload) {
    ByteBuffer len = ByteBuffer.allocate(4).putInt(payload.length);
    CRC32C crc = new CRC32C();
    crc.update(len.array());
    crc.update(payload);
    return ByteBuffer.allocate(12 + payload.length)
        .putInt(0x4F505431)
        .putInt(payload.length)
        .putInt((int) crc.getValue())
        .put(payload)
        .array();
  }

  @Test
  void anOverflowEventTheSpoolCannotWriteIsDroppedAsSpoolFailed() throws IOException {
    Path dir = spoolDir.resolve("spool");
    client =
        endpoint.client(
            spooled(Duration.ofMillis(50))
                .spoolDirectory(dir)
                .spoolMaxBytes(1 << 20)
                .queueCapacity(10)
                .maxInFlight(2)
                .build());
    client.send(event(0));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() > 0);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p); // open files stay writable; a new segment cannot be made
      }
    }
    Files.delete(dir);

    for (int i = 1; i < 1_000; i++) {
      client.send(event(i));
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> assertBalanced(client.stats()).dropped(Reasons.SPOOL_FAILED) > 0);
    assertThat(client.stats().dropped(Reasons.QUEUE_FULL)).isZero();
    assertThat(logs.containing("could not write to")).isNotEmpty();

    client.close();

    // Every event is accounted for: on disk for the next start, or dropped and counted.
    ClientStats closed = assertBalanced(client.stats());
    assertThat(
            closed.spooled()
                + closed.dropped(Reasons.SHUTDOWN)
                + closed.dropped(Reasons.SPOOL_FAILED))
        .as("in %s", closed)
        .isEqualTo(1_000);
  }

  @Test
  void flushRightAfterTheStartWaitsForWhatTheDirectoryHolds() {
    sendDuringOutageAndClose(spooled(Duration.ofMillis(50)).build(), 200);
    startServer();

    client = endpoint.client(spooled(Duration.ofMillis(50)).build());

    assertThat(client.flush(Duration.ofSeconds(30))).as("flush, %s", client.stats()).isTrue();
    assertThat(server.acceptedCount()).isEqualTo(200);
    assertThat(assertBalanced(client.stats()).delivered()).isEqualTo(200);
  }

  @Test
  void aFailureOfTheSpoolAtCloseIsLoggedAndCloseStillEndsAtOnce() throws IOException {
    Path dir = spoolDir.resolve("spool");
    client = endpoint.client(spooled(HOUR).spoolDirectory(dir).build());
    for (int i = 0; i < 3; i++) {
      client.send(event(i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() > 0);
    startServer();
    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir); // closing cannot start a fresh segment in place of the delivered one

    long start = System.nanoTime();
    client.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(
            logs.lines(
                l ->
                    l.level() == Level.WARN
                        && l.message().contains("could not copy its undelivered events")))
        .hasSize(1);
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.delivered()).isEqualTo(3);
    assertThat(stats.pending()).isZero();
  }

  @Test
  void writesAreForcedNoMoreOftenThanTheSyncInterval() {
    client = endpoint.client(spooled(Duration.ofSeconds(3)).build());
    client.send(event(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.spoolSyncedRecords() == 1);
    long written = client.stats().spoolBytes();

    client.send(event(2));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() > written);

    assertThat(client.spoolSyncedRecords()).as("forced again before the interval").isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.spoolSyncedRecords() == 2);
  }

  @Test
  void anEventThatOverflowsToTheSpoolWakesItsParkedThread() {
    Set<Thread> before = spoolThreads();
    client = endpoint.client(spooled(HOUR).queueCapacity(10).maxInFlight(2).build());
    Set<Thread> mine = spoolThreads();
    mine.removeAll(before);
    Thread thread = mine.iterator().next();
    for (int i = 0; i < 10; i++) {
      assertThat(client.send(event(i))).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() > 0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> thread.getState() == Thread.State.TIMED_WAITING);
    long written = client.stats().spoolBytes();

    for (int i = 10; i < 15; i++) {
      assertThat(client.send(event(i))).isTrue();
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().spoolBytes() > written);
  }
}
