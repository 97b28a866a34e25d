package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import dev.optievent.testing.RecordedRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes over the wire, checked on the JSON the fake endpoint received. */
class PayloadTest {
  private static final Instant AT = Instant.parse("2020-04-12T17:32:06.094Z");

  private FakeOptimoveServer server;
  private OptimoveClient client;

  @BeforeEach
  void start() {
    server = DeliveryFixture.server();
    client = OptimoveClient.create(config(server).build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private String sentJson(Event event) {
    assertThat(client.send(event)).isTrue();
    flushed(client);
    List<ReceivedEvent> events = server.awaitAcceptedEvents(1, Duration.ofSeconds(5));
    return events.get(0).rawJson();
  }

  @Test
  void sendsTheVendorExampleForACustomerExactly() {
    Event event =
        Event.builder("newsletter_signup")
            .customer("johndoe@domain.com")
            .timestamp(AT)
            .param("email", "johndoe@domain.com")
            .param("opt_in", true)
            .build();

    assertThat(sentJson(event))
        .isEqualTo(
            "{\"tenant\":999,\"event\":\"newsletter_signup\","
                + "\"customer\":\"johndoe@domain.com\",\"timestamp\":\"2020-04-12 17:32:06.094 UTC\","
                + "\"context\":{\"email\":\"johndoe@domain.com\",\"opt_in\":true}}");
  }

  @Test
  void sendsAVisitorEventExactly() {
    Event event =
        Event.builder("page_view")
            .visitor("b449f7778d4981a5")
            .timestamp(AT)
            .param("page", "home")
            .build();

    assertThat(sentJson(event))
        .isEqualTo(
            "{\"tenant\":999,\"event\":\"page_view\","
                + "\"visitor\":\"b449f7778d4981a5\",\"timestamp\":\"2020-04-12 17:32:06.094 UTC\","
                + "\"context\":{\"page\":\"home\"}}");
  }

  @Test
  void sendsOnlyTheCustomerWhenBothAreKnown() {
    Event event = Event.builder("login").customer("c-1").visitor("v-1").timestamp(AT).build();

    String json = sentJson(event);

    assertThat(json)
        .isEqualTo(
            "{\"tenant\":999,\"event\":\"login\",\"customer\":\"c-1\","
                + "\"timestamp\":\"2020-04-12 17:32:06.094 UTC\",\"context\":{}}");
    assertThat(server.acceptedEvents().get(0).visitor()).isNull();
  }

  @Test
  void writesNumbersExactlyAndBigDecimalsWithoutExponent() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("thousand", new BigDecimal("1E+3"));
    context.put("price", new BigDecimal("19.90"));
    context.put("tiny", new BigDecimal("1E-7"));
    context.put("count", 3);
    context.put("big", Long.MAX_VALUE);
    context.put("ratio", 0.25d);
    context.put("half", 0.5f);
    context.put("vip", false);
    Event event = new Event("checkout", "c-1", null, AT, context);

    String json = sentJson(event);

    assertThat(json)
        .contains(
            "\"context\":{\"thousand\":1000,\"price\":19.90,\"tiny\":0.0000001,"
                + "\"count\":3,\"big\":9223372036854775807,\"ratio\":0.25,\"half\":0.5,\"vip\":false}");
    Map<String, Object> received = server.acceptedEvents().get(0).context();
    assertThat(received.get("price")).isEqualTo(new BigDecimal("19.90"));
    assertThat(received.get("vip")).isEqualTo(Boolean.FALSE);
  }

  @Test
  void writesTheTimestampInUtcWithMilliseconds() {
    Event event =
        Event.builder("login")
            .customer("c-1")
            .timestamp(Instant.parse("2024-02-29T23:59:59.5Z"))
            .build();

    String json = sentJson(event);

    assertThat(server.acceptedEvents().get(0).timestamp()).isEqualTo("2024-02-29 23:59:59.500 UTC");
    assertThat(json).contains("\"timestamp\":\"2024-02-29 23:59:59.500 UTC\"");
  }

  @Test
  void postsJsonWithItsContentType() {
    sentJson(Event.builder("login").customer("c-1").build());

    RecordedRequest request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
  }
}
