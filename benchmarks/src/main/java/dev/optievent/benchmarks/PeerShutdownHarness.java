package dev.optievent.benchmarks;

import dev.optievent.testing.FakeOptimoveServer;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Issue 33: what each SDK delivers and loses when the application shuts it down with events still
 * queued, and whether its callers wait. For each SDK, with its default settings: 1,000 events sent
 * as fast as one thread can against an endpoint that answers after 50 ms, then the SDK's documented
 * shutdown. It prints how long the shutdown took, how many events had arrived when it returned, how
 * many arrived in the 10 s after (an SDK whose threads go on sending after its shutdown returned),
 * the events never delivered, and the longest single call (leaving out the first tenth, which loads
 * and compiles the SDK's classes; one cold JVM per run, so it is a rough figure).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.optievent.benchmarks.PeerShutdownHarness
 * [events] [delayMillis]} (the {@code bench} profile's jar). Not JMH: one pass per SDK.
 */
public final class PeerShutdownHarness {
  private static final Duration AFTER = Duration.ofSeconds(10);

  private PeerShutdownHarness() {}

  /**
   * @param args events per SDK (default 1000) and the endpoint's delay in ms (default 50)
   * @throws InterruptedException if interrupted while waiting for late deliveries
   */
  public static void main(String[] args) throws InterruptedException {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long delay = args.length > 1 ? Long.parseLong(args[1]) : 50;
    StringBuilder table =
        new StringBuilder(
            "| SDK | shutdown took ms | delivered when it returned | delivered 10 s later"
                + " | never delivered | longest call µs (last 90 %) |\n|---|---|---|---|---|---|\n");
    for (String name : PeerSdk.NAMES) {
      table.append(run(name, events, delay)).append('\n');
    }
    System.out.println();
    System.out.println(table);
    System.exit(0); // the peers' non-daemon threads would keep the JVM alive
  }

  private static String run(String name, int events, long delay) throws InterruptedException {
    try (PeerEndpoint peers = PeerEndpoint.start(delay);
        FakeOptimoveServer optimove = Fixtures.slowServer(Duration.ofMillis(delay))) {
      LongSupplier delivered =
          name.startsWith("optievent") ? optimove::acceptedCount : peers::events;
      PeerSdk sdk = PeerSdk.withDefaults(name, peers, optimove.endpoint());
      long longest = 0;
      for (int i = 0; i < events; i++) {
        long start = System.nanoTime();
        sdk.track("c-" + i, "user" + i + "@example.com", true);
        if (i >= events / 10) { // the first calls load and compile the SDK's classes
          longest = Math.max(longest, System.nanoTime() - start);
        }
      }
      long closeStart = System.nanoTime();
      sdk.close();
      long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
      long atReturn = delivered.getAsLong();
      Thread.sleep(AFTER.toMillis());
      long later = delivered.getAsLong();
      return String.format(
          "| %s | %d | %d | %d | %d | %d |",
          name, closeMillis, atReturn, later, events - later, longest / 1_000);
    }
  }
}
