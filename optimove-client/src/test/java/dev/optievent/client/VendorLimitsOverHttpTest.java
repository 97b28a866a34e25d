package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of docs/annotations.md at their exact boundaries, over real HTTP: what is allowed
 * arrives, one more is rejected on the caller's thread with a reason and a message the listener
 * hears.
 */
class VendorLimitsOverHttpTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final DeliveryListener listener =
      new DeliveryListener() {
        @Override
        public void onRejected(Event event, String reason, String message) {
          heard.add(reason + ": " + message);
        }
      };

  private OptimoveClient client(OptimoveConfig.Builder config) {
    client = endpoint.client(config.deliveryListener(listener).build());
    return client;
  }

  private static Event withParameters(int count) {
    Event.Builder b = Event.builder("wide").customer("c-1");
    for (int i = 0; i < count; i++) {
      b.param("p" + i, i);
    }
    return b.build();
  }

  @Test
  void exactlyMaxParametersIsDeliveredAndOneMoreIsRejected() {
    client(config(server));

    assertThat(client.send(withParameters(50))).isTrue();
    assertThat(client.send(withParameters(51))).isFalse();

    ClientStats stats = flushed(client);
    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.rejected(Reasons.TOO_MANY_PARAMETERS)).isEqualTo(1);
    assertThat(server.awaitAcceptedEvents(1, Duration.ofSeconds(5)).get(0).context()).hasSize(50);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(heard)
                    .containsExactly(
                        "too_many_parameters: event 'wide' has 51 parameters; the most allowed"
                            + " is 50"));
  }

  @Test
  void anIdOfExactly200CharactersIsDeliveredAnd201IsRejected() {
    client(config(server));
    String longest = "c".repeat(200);

    assertThat(client.send(Event.builder("e").customer(longest).build())).isTrue();
    assertThat(client.send(Event.builder("e").visitor(longest).build())).isTrue();
    assertThat(client.send(Event.builder("e").customer(longest + "c").build())).isFalse();

    ClientStats stats = flushed(client);
    assertThat(stats.delivered()).isEqualTo(2);
    assertThat(stats.rejected(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
    List<ReceivedEvent> received = server.awaitAcceptedEvents(2, Duration.ofSeconds(5));
    assertThat(received).extracting(ReceivedEvent::customer).containsOnlyOnce(longest);
    assertThat(received).extracting(ReceivedEvent::visitor).containsOnlyOnce(longest);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(heard)
                    .containsExactly(
                        "invalid_customer_id: event 'e': the customer ID is 201 characters long;"
                            + " the most allowed is 200"));
  }

  @Test
  void sendsTrimmedCustomerAndVisitorIds() {
    client(config(server));

    client.send(Event.builder("e").customer("  c-1\t").build());
    client.send(Event.builder("e").visitor(" v-1 ").build());

    assertThat(flushed(client).delivered()).isEqualTo(2);
    List<ReceivedEvent> received = server.awaitAcceptedEvents(2, Duration.ofSeconds(5));
    assertThat(received).extracting(ReceivedEvent::customer).containsOnlyOnce("c-1");
    assertThat(received).extracting(ReceivedEvent::visitor).containsOnlyOnce("v-1");
    assertThat(received)
        .extracting(ReceivedEvent::rawJson)
        .noneMatch(json -> json.contains(" c-1") || json.contains("v-1 "));
  }

  @Test
  void textOfExactlyMaxTextLengthIsDeliveredAndOneMoreCharacterIsRejected() {
    client(config(server));

    assertThat(client.send(Event.builder("e").customer("c").param("t", "x".repeat(255)).build()))
        .isTrue();
    assertThat(client.send(Event.builder("e").customer("c").param("t", "x".repeat(256)).build()))
        .isFalse();

    ClientStats stats = flushed(client);
    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.rejected(Reasons.VALUE_TOO_LONG)).isEqualTo(1);
  }

  @Test
  void theCatalogRefusesANumberOrABooleanWhereItSaysText(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(
        catalog,
        "{\"events\":[{\"name\":\"signup\",\"parameters\":"
            + "[{\"name\":\"email\",\"type\":\"text\",\"mandatory\":true}]}]}");
    client(config(server).catalog(catalog));

    assertThat(client.send(Event.builder("signup").customer("c").param("email", 42).build()))
        .isFalse();
    assertThat(client.send(Event.builder("signup").customer("c").param("email", true).build()))
        .isFalse();
    assertThat(client.send(Event.builder("signup").customer("c").param("email", "a@b.io").build()))
        .isTrue();

    ClientStats stats = flushed(client);
    assertThat(stats.rejected(Reasons.WRONG_PARAMETER_TYPE)).isEqualTo(2);
    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(heard)
                    .containsExactly(
                        "wrong_parameter_type: event 'signup', parameter 'email': the catalog says"
                            + " text but the value is number",
                        "wrong_parameter_type: event 'signup', parameter 'email': the catalog says"
                            + " text but the value is boolean"));
  }

  @Test
  void aDirectBuilderUserGetsEveryRuleOfTheAspect() {
    client(config(server));

    assertThat(client.send(Event.builder(" ").customer("c").build())).isFalse();
    assertThat(client.send(Event.builder("e").customer("c").param(" ", 1).build())).isFalse();
    assertThat(client.send(Event.builder("e").customer("c").param("x", Double.NaN).build()))
        .isFalse();
    assertThat(client.send(Event.builder("e").customer("c").param("x", new Object()).build()))
        .isFalse();

    ClientStats stats = flushed(client);
    assertThat(stats.rejected(Reasons.BLANK_EVENT_KEY)).isEqualTo(1);
    assertThat(stats.rejected(Reasons.BLANK_PARAMETER_NAME)).isEqualTo(1);
    assertThat(stats.rejected(Reasons.INVALID_NUMBER)).isEqualTo(1);
    assertThat(stats.rejected(Reasons.UNSUPPORTED_VALUE_TYPE)).isEqualTo(1);
    assertThat(server.requestCount()).isZero();
  }
}
