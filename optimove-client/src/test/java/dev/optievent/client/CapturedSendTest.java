package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An event a front-end hands over as its parts ({@link ClientAccess#sendNow}), over HTTP: one that
 * is valid as captured is queued without an {@link Event} being made, one that a rule changes or
 * refuses takes the whole check, and each arrives or is counted as {@link OptimoveClient#send}
 * would have it, whatever the overflow policy and with a spool.
 */
class CapturedSendTest {
  private static final String[] NAMES = {"email", "opt_in", "left_out"};

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;
  @TempDir Path spool;

  private OptimoveClient client(String setup) {
    OptimoveConfig.Builder config = config(server);
    if (setup.equals("SPOOL")) {
      config.spoolDirectory(spool);
    } else {
      config.overflowPolicy(OverflowPolicy.valueOf(setup));
    }
    client = endpoint.client(config.build());
    return client;
  }

  private boolean sendNow(String customer, String visitor, Object... values) {
    return ClientAccess.get().sendNow(client, "signup", customer, visitor, NAMES, values);
  }

  @ParameterizedTest
  @ValueSource(strings = {"DROP_NEWEST", "DROP_OLDEST", "BLOCK", "SPOOL"})
  void arrivesOrIsCountedAsASentEventWould(String setup) {
    client(setup);

    assertThat(sendNow("c-1", null, "a@example.com", true, null)).isTrue();
    assertThat(sendNow(null, "v-1", "b@example.com", null, null)).isTrue();
    assertThat(sendNow(" c-2 ", null, "c@example.com", false, null)).isTrue(); // trimmed
    assertThat(sendNow("c-3", "v-3", "d@example.com", null, null)).isTrue(); // customer only
    assertThat(sendNow("none", null, "e@example.com", null, null)).isFalse();
    assertThat(sendNow("c-4", null, null, null, Double.NaN)).isFalse();

    ClientStats stats = flushed(client);
    assertThat(stats.accepted()).isEqualTo(6);
    assertThat(stats.delivered()).isEqualTo(4);
    assertThat(stats.rejected(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
    assertThat(stats.rejected(Reasons.INVALID_NUMBER)).isEqualTo(1);
    List<ReceivedEvent> received =
        server.awaitAcceptedEvents(4, Duration.ofSeconds(5)).stream()
            .sorted(Comparator.comparing(e -> (String) e.context().get("email")))
            .toList();
    assertThat(received)
        .extracting(ReceivedEvent::customer, ReceivedEvent::visitor, ReceivedEvent::context)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "c-1", null, context("email", "a@example.com", "opt_in", true)),
            org.assertj.core.groups.Tuple.tuple(null, "v-1", context("email", "b@example.com")),
            org.assertj.core.groups.Tuple.tuple(
                "c-2", null, context("email", "c@example.com", "opt_in", false)),
            org.assertj.core.groups.Tuple.tuple("c-3", null, context("email", "d@example.com")));
    assertThat(received).allSatisfy(e -> assertThat(e.event()).isEqualTo("signup"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DROP_NEWEST", "BLOCK", "SPOOL"})
  void aValidEventSentAfterCloseIsCountedAsClosed(String setup) {
    client(setup).close();

    assertThat(sendNow("c-1", null, "a@example.com", true, null)).isFalse();

    assertThat(client.stats().dropped(Reasons.CLOSED)).isEqualTo(1);
    assertThat(client.stats().accepted()).isEqualTo(1);
  }

  private static Map<String, Object> context(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
