package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.store.PreparedEvent;
import dev.optievent.testing.FakeOptimoveServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events checked and written for a store outside the client ({@link ClientAccess#prepare}, for the
 * transactional outbox): the body is byte for byte what the client would send, a refused event is
 * counted as if it had been sent, and a prepared one is not counted until someone sends it.
 */
class PreparationTest {
  private static final String[] NAMES = {"email", "opt_in"};

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private final OptimoveClient client = endpoint.client(config(server).build());

  private PreparedEvent prepare(String customer, long epochNanos, Object... values) {
    return ClientAccess.get().prepare(client, "signup", customer, null, NAMES, values, epochNanos);
  }

  @Test
  void theBodyIsExactlyWhatTheClientSendsForTheSameEvent() {
    long at = WallClock.epochNanos(System.nanoTime());

    PreparedEvent prepared = prepare(" c-1 ", at, "a@example.com", true);
    ClientAccess.get()
        .sendHeld(client, "signup", " c-1 ", null, NAMES, new Object[] {"a@example.com", true}, at);

    String sent = server.awaitAcceptedEvents(1, Duration.ofSeconds(5)).get(0).rawJson();
    assertThat(new String(prepared.body(), StandardCharsets.UTF_8)).isEqualTo(sent);
    assertThat(sent).contains("\"customer\":\"c-1\""); // the rules' trim applies to both
    assertThat(prepared.tenant()).isEqualTo(DeliveryFixture.TENANT);
    assertThat(prepared.eventKey()).isEqualTo("signup");
    assertThat(prepared.epochNanos()).isEqualTo(at);
  }

  @Test
  void aPreparedEventIsNotCountedUntilSomebodySendsIt() {
    assertThat(prepare("c-1", WallClock.epochNanos(System.nanoTime()), "a@example.com", true))
        .isNotNull();

    assertThat(flushed(client).accepted()).isZero();
  }

  @Test
  void anEventARuleRefusesIsCountedAsIfItHadBeenSentAndNotPrepared() {
    long at = WallClock.epochNanos(System.nanoTime());

    assertThat(prepare("none", at, "a@example.com", true)).isNull();
    assertThat(prepare("c-1", at, "a@example.com", Double.NaN)).isNull();

    ClientStats stats = flushed(client);
    assertThat(stats.accepted()).isEqualTo(2);
    assertThat(stats.rejected(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
    assertThat(stats.rejected(Reasons.INVALID_NUMBER)).isEqualTo(1);
    assertThat(server.acceptedEvents()).isEmpty();
  }
}
