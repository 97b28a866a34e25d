package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.WallClock;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events a front-end held for a transaction ({@link ClientAccess#sendHeld}, {@link
 * ClientAccess#rolledBack}): one sent at commit carries the time it was captured, and one whose
 * transaction rolled back is counted apart from {@code accepted}.
 */
class HeldSendTest {
  private static final String[] NAMES = {"email"};
  private static final DateTimeFormatter WIRE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();

  @Test
  void aHeldEventCarriesTheTimeItWasCapturedNotTheTimeItWasReleased() {
    OptimoveClient client = endpoint.client(config(server).build());
    long capturedAt = WallClock.epochNanos(System.nanoTime()) - Duration.ofSeconds(3).toNanos();

    boolean queued =
        ClientAccess.get()
            .sendHeld(
                client, "signup", "c-1", null, NAMES, new Object[] {"a@example.com"}, capturedAt);

    assertThat(queued).isTrue();
    List<ReceivedEvent> received = server.awaitAcceptedEvents(1, Duration.ofSeconds(5));
    Instant expected =
        Instant.ofEpochSecond(WallClock.seconds(capturedAt), WallClock.nanos(capturedAt));
    assertThat(received.get(0).timestamp()).isEqualTo(WIRE.format(expected));
    assertThat(received.get(0).context()).containsEntry("email", "a@example.com");
    assertThat(flushed(client).delivered()).isEqualTo(1);
  }

  @Test
  void aHeldEventOlderThanMaxEventAgeWhenReleasedExpires() {
    OptimoveClient client =
        endpoint.client(config(server).maxEventAge(Duration.ofSeconds(1)).build());
    long capturedAt = WallClock.epochNanos(System.nanoTime()) - Duration.ofSeconds(5).toNanos();

    ClientAccess.get()
        .sendHeld(client, "signup", "c-1", null, NAMES, new Object[] {"a@example.com"}, capturedAt);

    ClientStats stats = flushed(client);
    assertThat(stats.dropped(Reasons.EXPIRED)).isEqualTo(1);
    assertThat(server.acceptedEvents()).isEmpty();
  }

  @Test
  void aRolledBackEventIsCountedOutsideAcceptedAndIsNoDrop() {
    OptimoveClient client = endpoint.client(config(server).build());
    client.send(new Event("signup", "c-1", null, Instant.now(), null));

    ClientAccess.get().rolledBack(client);
    ClientAccess.get().rolledBack(client);

    ClientStats stats = flushed(client);
    assertThat(stats.rolledBack()).isEqualTo(2);
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.dropped()).isZero();
    assertThat(ClientAccess.get().counters(client).rolledBack()).isEqualTo(2);
  }
}
