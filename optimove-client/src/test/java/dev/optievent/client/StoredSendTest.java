package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.store.PreparedEvent;
import dev.optievent.client.internal.store.StoredOutcome;
import dev.optievent.client.logcapture.LogCapture;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events a store outside the client keeps (the transactional outbox), handed over as their stored
 * body ({@link ClientAccess#sendStored}), over HTTP: the body arrives as stored, the store hears
 * delivered or rejected, and what the client cannot deliver goes back to the store, counted as
 * returned and never as dropped, never into the spool.
 */
class StoredSendTest {
  private static final String[] NAMES = {"email"};

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  @RegisterExtension final LogCapture logs = LogCapture.under("dev.optievent.client");
  private final FakeOptimoveServer server = endpoint.server();
  @TempDir Path spool;

  /** What the store heard. */
  static final class Heard implements StoredOutcome {
    final List<String> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public void delivered() {
      outcomes.add("delivered");
    }

    @Override
    public void rejected(String reason, String message) {
      outcomes.add("rejected " + reason);
    }

    @Override
    public void returned(String reason, String detail) {
      outcomes.add("returned " + reason);
    }
  }

  private static PreparedEvent prepared(OptimoveClient client, String customer) {
    return ClientAccess.get()
        .prepare(
            client,
            "signup",
            customer,
            null,
            NAMES,
            new Object[] {"a@example.com"},
            WallClock.epochNanos(System.nanoTime()));
  }

  private static boolean send(OptimoveClient client, PreparedEvent p, StoredOutcome outcome) {
    return ClientAccess.get().sendStored(client, p.eventKey(), p.body(), p.epochNanos(), outcome);
  }

  @Test
  void theStoredBodyArrivesAsStoredAndTheStoreHearsItWasDelivered() {
    OptimoveClient client = endpoint.client(config(server).build());
    PreparedEvent p = prepared(client, "c-1");
    Heard heard = new Heard();

    assertThat(send(client, p, heard)).isTrue();

    ClientStats stats = flushed(client);
    assertThat(server.acceptedEvents().get(0).rawJson())
        .isEqualTo(new String(p.body(), StandardCharsets.UTF_8));
    assertThat(heard.outcomes).containsExactly("delivered");
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(1);
  }

  @Test
  void anEventStoredLongBeforeItIsHandedOverIsStillSent() {
    OptimoveClient client =
        endpoint.client(config(server).maxEventAge(Duration.ofMinutes(1)).build());
    PreparedEvent p = prepared(client, "c-1");
    long anHourAgo = p.epochNanos() - Duration.ofHours(1).toNanos();
    Heard heard = new Heard();

    ClientAccess.get().sendStored(client, p.eventKey(), p.body(), anHourAgo, heard);

    flushed(client);
    assertThat(heard.outcomes).containsExactly("delivered"); // the store keeps its own maximum age
  }

  @Test
  void anEventOptimoveRefusesIsRejectedForTheStoreToKeepAsRefused() {
    OptimoveClient client = endpoint.client(config(server).build());
    server.script(Fault.status(400)); // a 4xx refuses the event for good
    Heard heard = new Heard();

    send(client, prepared(client, "c-1"), heard);

    flushed(client);
    assertThat(heard.outcomes).containsExactly("rejected " + Reasons.SERVER_ERROR);
  }

  @Test
  void whatTheClientCannotDeliverBeforeItClosesGoesBackToTheStoreAndIsNoDrop() {
    OptimoveClient client =
        endpoint.client(
            config(server).shutdownTimeout(Duration.ofMillis(200)).spoolDirectory(spool).build());
    server.failEvent("signup", Fault.status(503));
    Heard heard = new Heard();
    send(client, prepared(client, "c-1"), heard);
    Awaitility.await().until(() -> server.requestCount() > 0);

    client.close();

    ClientStats stats = assertBalanced(client.stats());
    assertThat(heard.outcomes).containsExactly("returned shutdown");
    assertThat(stats.returned()).isEqualTo(1);
    assertThat(stats.dropped()).isZero();
    assertThat(stats.spooled()).isZero(); // the store keeps it, not the spool
  }

  @Test
  void closingWithOnlyAStoresEventUndeliveredSaysItWentBackAndWarnsOfNoDrop() {
    OptimoveClient client =
        endpoint.client(config(server).shutdownTimeout(Duration.ofMillis(200)).build());
    server.failEvent("signup", Fault.status(503));
    Heard heard = new Heard();
    send(client, prepared(client, "c-1"), heard);
    Awaitility.await().until(() -> server.requestCount() > 0);

    client.close();

    assertThat(heard.outcomes).containsExactly("returned shutdown");
    assertThat(logs.containing("counted as dropped")).isEmpty();
    assertThat(logs.containing("went back to it (returned)")).hasSize(1);
  }

  @Test
  void anEventHandedToAClosedClientGoesBackAtOnce() {
    OptimoveClient client = endpoint.client(config(server).build());
    PreparedEvent p = prepared(client, "c-1");
    client.close();
    Heard heard = new Heard();

    assertThat(send(client, p, heard)).isFalse();

    assertThat(heard.outcomes).containsExactly("returned closed");
    assertThat(assertBalanced(client.stats()).returned()).isEqualTo(1);
  }

  @Test
  void whenTheQueueIsFullTheEventGoesBackInsteadOfTheOverflowPolicy() {
    OptimoveClient client = endpoint.client(config(server).queueCapacity(1).maxInFlight(1).build());
    // The first request stays in flight for a while, and the second event fills the queue.
    server.setResponseDelay(Duration.ofSeconds(2));
    Heard first = new Heard();
    Heard second = new Heard();
    Heard third = new Heard();
    send(client, prepared(client, "c-1"), first);
    Awaitility.await().until(() -> server.requestCount() == 1);
    send(client, prepared(client, "c-2"), second);

    assertThat(send(client, prepared(client, "c-3"), third)).isFalse();

    assertThat(third.outcomes).containsExactly("returned queue_full");
    server.setResponseDelay(Duration.ZERO);
    flushed(client);
    assertThat(first.outcomes).containsExactly("delivered");
    assertThat(second.outcomes).containsExactly("delivered");
  }
}
