package dev.optievent.benchmarks;

import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 33: the heap each SDK holds per event it has taken and not yet delivered. Each SDK, with
 * its default settings, reports to an endpoint that never answers (within the hour), so that
 * nothing drains: first 200 events, so that its sender has taken what it takes and its requests are
 * in flight, then the baseline (used heap after forced full GCs), then 9,000 more events, each with
 * its own customer ID and e-mail address (as in real traffic, where nothing else keeps those
 * strings), then the used heap again. Bytes per event = the difference / 9,000. 9,200 events fit
 * this library's default queue (10,000), so none is dropped; the peers' queues are unbounded.
 *
 * <p>{@code java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar
 * dev.optievent.benchmarks.PeerMemoryHarness} (the {@code bench} profile's jar). Not JMH: one pass
 * per SDK, in one JVM, in this order.
 */
public final class PeerMemoryHarness {
  private static final int WARM = 200;
  private static final int MEASURED = 9_000;
  private static final Duration NEVER = Duration.ofHours(1);

  private PeerMemoryHarness() {}

  /**
   * @param args none
   */
  public static void main(String[] args) {
    StringBuilder table = new StringBuilder("| SDK | heap per queued event, bytes |\n|---|---|\n");
    for (String name : PeerSdk.NAMES) {
      table.append(String.format("| %s | %d |%n", name, bytesPerEvent(name)));
    }
    System.out.println();
    System.out.println(table);
    System.exit(0); // the peers' non-daemon threads would keep the JVM alive
  }

  private static long bytesPerEvent(String name) {
    try (PeerEndpoint peers = PeerEndpoint.start(NEVER.toMillis());
        FakeOptimoveServer optimove = Fixtures.slowServer(NEVER)) {
      PeerSdk sdk = PeerSdk.withDefaults(name, peers, optimove.endpoint());
      send(sdk, 0, WARM);
      pause(); // the senders take their first events
      long before = QueueMemoryBenchmark.usedHeapAfterGc();
      send(sdk, WARM, WARM + MEASURED);
      pause();
      long after = QueueMemoryBenchmark.usedHeapAfterGc();
      sdk.closeInBackground(); // a shutdown may wait for the endpoint: not here
      return (after - before) / MEASURED;
    }
  }

  private static void send(PeerSdk sdk, int from, int to) {
    for (int i = from; i < to; i++) {
      sdk.track("c-" + i, "user" + i + "@example.com", true);
    }
  }

  private static void pause() {
    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
  }
}
