package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static dev.optievent.client.DeliveryFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.client.logcapture.LogCapture;
import dev.optievent.testing.FakeOptimoveServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * What used to lose or re-send spooled events: a segment that cannot be deleted, and a spool
 * written by a client of another tenant.
 */
class SpoolDefectsTest {
  @TempDir Path spoolDir;

  @RegisterExtension final LogCapture logs = LogCapture.under("dev.optievent.client");
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.down();

  private OptimoveConfig.Builder spooled() {
    return endpoint
        .config()
        .spoolDirectory(spoolDir)
        .spoolSyncInterval(Duration.ofMillis(20))
        .spoolMaxBytes(1 << 20) // 64 KiB segments
        .shutdownTimeout(Duration.ofMillis(200));
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(spoolDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
  }

  private void spoolWhileDown(OptimoveConfig config, int n) {
    OptimoveClient first = endpoint.client(config);
    for (int i = 0; i < n; i++) {
      first.send(event(i));
    }
    first.close();
    assertThat(assertBalanced(first.stats()).spooled()).isEqualTo(n);
  }

  @Test
  void aSegmentThatCannotBeDeletedIsLoggedOnceAndReplayAndTheOtherDeletionsGoOn()
      throws IOException {
    spoolWhileDown(spooled().build(), 1_000);
    List<Path> before = segments();
    assertThat(before).hasSizeGreaterThanOrEqualTo(3);
    OptimoveClient client = endpoint.client(spooled().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().accepted() == 1_000);
    // The spool has read the oldest segment and holds it open; in its place now is a directory
    // that is not empty, which no delete removes.
    Path stuck = before.get(0);
    Files.delete(stuck);
    Files.createDirectory(stuck);
    Files.writeString(stuck.resolve("keep"), "x");
    FakeOptimoveServer server = endpoint.start();

    assertThat(client.flush(Duration.ofSeconds(30))).as("%s", client.stats()).isTrue();
    assertThat(server.acceptedCount()).isEqualTo(1_000);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> segments().stream().filter(before::contains).toList().equals(List.of(stuck)));
    assertThat(logs.lines(l -> l.level() == Level.WARN && l.message().contains("could not delete")))
        .as("logged once, not on every turn of the spool thread")
        .hasSize(1);
  }

  @Test
  void aHugeFileNamedLikeASegmentIsLeftAloneAndTheRealSegmentsAreStillDelivered()
      throws IOException {
    spoolWhileDown(spooled().build(), 300);
    // Sorted first, and larger than any segment: read whole, it could exhaust the heap.
    Path huge = spoolDir.resolve("segment-0000000000000000.log");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(200L << 20); // sparse: nothing is written
    }
    FakeOptimoveServer server = endpoint.start();

    OptimoveClient client = endpoint.client(spooled().spoolMaxBytes(1L << 30).build());

    assertThat(client.flush(Duration.ofSeconds(30))).as("%s", client.stats()).isTrue();
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.delivered()).isEqualTo(300);
    assertThat(stats.dropped()).isZero();
    assertThat(Files.size(huge)).as("left as it is").isEqualTo(200L << 20);
    assertThat(logs.containing("could not be read past its first 0 record(s)")).hasSize(1);
  }

  @Test
  void replayedEventsPassTheChecksOfNewOnes(@TempDir Path catalogDir) throws IOException {
    spoolWhileDown(spooled().build(), 20); // order_placed events, no catalog
    Path catalog =
        Files.writeString(
            catalogDir.resolve("catalog.json"),
            "{\"events\":[{\"name\":\"signup\",\"parameters\":[]}]}");
    FakeOptimoveServer server = endpoint.start();

    OptimoveClient client = endpoint.client(spooled().catalog(catalog).build());

    assertThat(client.flush(Duration.ofSeconds(30))).as("%s", client.stats()).isTrue();
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.rejected(Reasons.UNKNOWN_EVENT)).isEqualTo(20);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void eventsSpooledForAnotherTenantAreNotSentButCountedUnderTheirOwnReason() {
    spoolWhileDown(spooled().tenant(DeliveryFixture.TENANT + 1).build(), 50);
    FakeOptimoveServer server = endpoint.start();

    OptimoveClient client = endpoint.client(spooled().build());

    assertThat(client.flush(Duration.ofSeconds(30))).as("%s", client.stats()).isTrue();
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.dropped(Reasons.SPOOL_OTHER_TENANT)).isEqualTo(50);
    assertThat(stats.delivered()).isZero();
    assertThat(server.requestCount()).isZero();
  }
}
