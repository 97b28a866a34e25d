package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static dev.optievent.client.DeliveryFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The durable spool in one JVM: close keeps, start replays, overflow spills, damage is counted. */
class SpoolTest {
  @TempDir Path spoolDir;
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.down();
  private OptimoveClient client;
  private FakeOptimoveServer server;

  private OptimoveConfig.Builder spooled() {
    return endpoint
        .config()
        .spoolDirectory(spoolDir)
        .spoolSyncInterval(Duration.ofMillis(50))
        .maxAttempts(1_000_000)
        .shutdownTimeout(Duration.ofMillis(200));
  }

  private void startServer() {
    server = endpoint.start();
  }

  private static Set<Integer> numbers(List<ReceivedEvent> events) {
    return events.stream()
        .map(e -> ((Number) e.context().get("n")).intValue())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  /** Sends {@code n} events to the down endpoint and closes: they stay in the spool. */
  private ClientStats sendDuringOutageAndClose(int n) {
    OptimoveClient first = endpoint.client(spooled().build());
    for (int i = 0; i < n; i++) {
      first.send(event(i));
    }
    first.close();
    return assertBalanced(first.stats());
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(spoolDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
  }

  @Test
  void closeKeepsUndeliveredEventsOnDiskInsteadOfDroppingThem() {
    ClientStats closed = sendDuringOutageAndClose(50);

    assertThat(closed.dropped(Reasons.SHUTDOWN)).isZero();
    assertThat(closed.pending()).isEqualTo(50);
    assertThat(closed.spooled()).isEqualTo(50);
    assertThat(closed.spoolBytes()).isPositive();
  }

  @Test
  void flushAfterCloseSaysAtOnceThatEventsWaitOnDisk() {
    OptimoveClient closed = endpoint.client(spooled().build());
    closed.send(event(1));
    closed.close();

    long start = System.nanoTime();
    assertThat(closed.flush(Duration.ofSeconds(30))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theNextClientOnTheDirectoryDeliversWhatTheLastOneKept() {
    sendDuringOutageAndClose(50);
    startServer();

    client = endpoint.client(spooled().build());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> numbers(server.acceptedEvents()).equals(range(0, 50)));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().pending() == 0);
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.accepted()).as("replayed events are counted by this client").isEqualTo(50);
    assertThat(stats.delivered()).isEqualTo(50);
    assertThat(stats.spooled()).isZero();
  }

  @Test
  void eventsThatDoNotFitInMemoryOverflowToDiskAndAreDeliveredWhenTheEndpointReturns() {
    client = endpoint.client(spooled().queueCapacity(10).maxInFlight(4).build());
    for (int i = 0; i < 300; i++) {
      assertThat(client.send(event(i))).as("event %s queued or spooled", i).isTrue();
    }
    ClientStats during = assertBalanced(client.stats());
    assertThat(during.dropped(Reasons.QUEUE_FULL)).isZero();
    assertThat(during.spooled()).isPositive();

    startServer();

    assertThat(client.flush(Duration.ofSeconds(30)))
        .as("flush waits for the events on disk too, stats %s", client.stats())
        .isTrue();
    assertThat(numbers(server.acceptedEvents())).isEqualTo(range(0, 300));
    ClientStats after = assertBalanced(client.stats());
    assertThat(after.delivered()).isEqualTo(300);
    assertThat(after.pending()).isZero();
  }

  @Test
  void theIdentityHoldsInEverySnapshotWhileThreadsOverflowToDisk() throws Exception {
    client = endpoint.client(spooled().queueCapacity(20).maxInFlight(4).build());
    int threads = 4;
    int perThread = 1_500;
    java.util.concurrent.atomic.AtomicBoolean sending =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicLong snapshots = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.CompletableFuture<Void> sampler =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              while (sending.get()) {
                assertBalanced(client.stats());
                snapshots.incrementAndGet();
              }
            });
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> senders = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        senders.add(
            pool.submit(
                () -> {
                  for (int i = base; i < base + perThread; i++) {
                    client.send(event(i));
                  }
                }));
      }
      for (java.util.concurrent.Future<?> f : senders) {
        f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
      startServer();
      assertThat(client.flush(Duration.ofSeconds(60)))
          .as("flush, stats %s", client.stats())
          .isTrue();
    } finally {
      sending.set(false);
      pool.shutdownNow();
    }
    sampler.get(10, java.util.concurrent.TimeUnit.SECONDS);

    ClientStats after = assertBalanced(client.stats());
    assertThat(snapshots.get()).isPositive();
    assertThat(after.accepted()).isEqualTo(threads * perThread);
    assertThat(after.dropped()).as("dropped in %s", after).isZero();
    assertThat(numbers(server.acceptedEvents())).isEqualTo(range(0, threads * perThread));
  }

  @Test
  void aFullSpoolMakesTheOverflowQueueFullAgain() {
    client =
        endpoint.client(
            spooled().queueCapacity(10).maxInFlight(2).spoolMaxBytes(64 * 1024).build());
    for (int i = 0; i < 2_000; i++) {
      client.send(event(i));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> assertBalanced(client.stats()).dropped(Reasons.QUEUE_FULL) > 0);
    assertThat(client.stats().spoolBytes()).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void aSecondClientOnTheSameDirectoryIsRefused() {
    client = endpoint.client(spooled().build());

    assertThatThrownBy(() -> endpoint.client(spooled().build()))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining(spoolDir.toAbsolutePath().toString())
        .hasMessageContaining("spool.lock");
  }

  @Test
  void damagedRecordsAreCountedAndTheIntactOnesDelivered() throws IOException {
    sendDuringOutageAndClose(20);
    List<Path> files = segments();
    assertThat(files).hasSize(1);
    Path file = files.get(0);
    long size = Files.size(file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(size / 2); // a flipped bit in the middle
      int b = f.read();
      f.seek(size / 2);
      f.write(b ^ 0x01);
      f.setLength(size - 3); // and a torn last record
    }
    startServer();

    client = endpoint.client(spooled().build());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.stats().pending() == 0
                    && client.stats().dropped(Reasons.SPOOL_CORRUPT) == 2);
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.delivered()).isEqualTo(18);
    assertThat(numbers(server.acceptedEvents())).hasSize(18).isSubsetOf(range(0, 20));
  }

  @Test
  void spooledEventsOlderThanTheirAgeLimitAreDroppedWhenReadBack() {
    sendDuringOutageAndClose(5);
    startServer();

    client = endpoint.client(spooled().spoolMaxEventAge(Duration.ofNanos(1)).build());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> client.stats().dropped(Reasons.SPOOL_EXPIRED) == 5);
    assertThat(assertBalanced(client.stats()).pending()).isZero();
    assertThat(server.acceptedCount()).isZero();
  }

  @Test
  void aCleanCloseAfterDeliveryLeavesNoSegmentBehind() throws IOException {
    startServer();
    client = endpoint.client(spooled().build());
    for (int i = 0; i < 10; i++) {
      client.send(event(i));
    }
    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
    client.close();

    assertThat(segments()).isEmpty();
    assertThat(client.stats().pending()).isZero();
  }
}
