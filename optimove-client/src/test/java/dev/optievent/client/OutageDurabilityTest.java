package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static dev.optievent.client.DeliveryFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.testing.FakeOptimoveServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outage longer than the old retry budget, with the default retry settings: the endpoint refuses
 * connections for 20 s, far longer than six attempts' backoff (at most 6.2 s), comes up, and every
 * event is delivered before {@code close()} returns, in memory and with a spool and a small queue.
 * Before retries were bounded by time, every one of them was dropped as {@code retries_exhausted}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OutageDurabilityTest {
  /** As in the issue: far longer than the old budget (6 attempts, 200 ms doubling, full jitter). */
  private static final Duration OUTAGE = Duration.ofSeconds(20);

  private static final int EVENTS = 300;

  @TempDir Path spoolDir;

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.down();
  private OptimoveClient client;
  private FakeOptimoveServer server;

  /** Only what a user must set, and a close that may wait: retry settings are the defaults. */
  private OptimoveConfig.Builder defaults() {
    return OptimoveConfig.builder()
        .endpoint(endpoint.uri())
        .tenant(DeliveryFixture.TENANT)
        .shutdownTimeout(Duration.ofSeconds(30));
  }

  private ClientStats reportDuringOutageThenClose(UnaryOperator<OptimoveConfig.Builder> settings) {
    client = endpoint.client(settings.apply(defaults()).build());
    long start = System.nanoTime();
    for (int i = 0; i < EVENTS; i++) {
      client.send(event(i));
    }
    await()
        .atMost(OUTAGE.plusSeconds(10))
        .until(() -> System.nanoTime() - start >= OUTAGE.toNanos() && client.stats().retries() > 0);
    ClientStats during = assertBalanced(client.stats());
    assertThat(during.dropped()).as("dropped during the outage: %s", during).isZero();
    server = endpoint.start();

    client.close();
    return assertBalanced(client.stats());
  }

  @Test
  void inMemoryEveryEventOfAnOutageLongerThanTheOldRetryBudgetIsDeliveredBeforeCloseReturns() {
    ClientStats closed = reportDuringOutageThenClose(b -> b);

    assertThat(closed.delivered()).as("%s", closed).isEqualTo(EVENTS);
    assertThat(closed.retries()).isPositive();
    assertThat(server.acceptedCount()).isEqualTo(EVENTS);
  }

  @Test
  void withASpoolAndASmallQueueEveryEventOfTheOutageIsDeliveredBeforeCloseReturns() {
    ClientStats closed =
        reportDuringOutageThenClose(b -> b.spoolDirectory(spoolDir).queueCapacity(50));

    assertThat(closed.delivered()).as("%s", closed).isEqualTo(EVENTS);
    assertThat(closed.spooled()).isZero();
    assertThat(server.acceptedCount()).isEqualTo(EVENTS);
  }
}
