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
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What goes over the wire, checked on the JSON the fake endpoint received; events built by hand map
 * their values exactly as the aspect maps annotated values.
 */
class PayloadTest {
  private static final Instant AT = Instant.parse("2020-04-12T17:32:06.094Z");

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;

  @BeforeEach
  void start() {
    client = endpoint.client(config(server).build());
  }

  private String sentJson(Event event) {
    assertThat(client.send(event)).isTrue();
    flushed(client);
    List<ReceivedEvent> events = server.awaitAcceptedEvents(1, Duration.ofSeconds(5));
    return events.get(0).rawJson();
  }

  private Map<String, Object> sentContext(Event event) {
    assertThat(client.send(event)).isTrue();
    flushed(client);
    return server.awaitAcceptedEvents(1, Duration.ofSeconds(5)).get(0).context();
  }

  private enum Plan {
    GOLD
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

  @Test
  void mapsDatesEnumsIdsAndNumbersAsTheAspectDoes() {
    UUID order = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    Event event =
        Event.builder("plan_subscribed")
            .customer("c-1")
            .param("at", Instant.parse("2026-11-27T05:12:01.123Z"))
            .param("day", LocalDate.of(2026, 11, 27))
            .param("plan", Plan.GOLD)
            .param("order", order)
            .param("total", new BigDecimal("1E+3"))
            .param("count", new AtomicLong(7))
            .param("note", Optional.of(new StringBuilder("hello")))
            .param("empty", Optional.empty())
            .build();

    assertThat(sentContext(event))
        .containsExactly(
            Map.entry("at", "2026-11-27 05:12:01.123 UTC"),
            Map.entry("day", "2026-11-27 00:00:00.000 UTC"),
            Map.entry("plan", "GOLD"),
            Map.entry("order", order.toString()),
            Map.entry("total", 1000),
            Map.entry("count", 7),
            Map.entry("note", "hello"));
  }

  @Test
  void rejectsAValueOfATypeThatCannotMap() {
    Event event =
        Event.builder("plan_subscribed").customer("c-1").param("items", List.of("a")).build();

    assertThat(client.send(event)).isFalse();

    assertThat(client.stats().rejected(Reasons.UNSUPPORTED_VALUE_TYPE)).isEqualTo(1);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aMapChangedAfterTheEventWasBuiltChangesNothing() {
    Map<String, Object> context = new HashMap<>();
    context.put("note", "short");
    Event event = new Event("note_added", "c-1", null, Instant.now(), context);

    context.put("note", "x".repeat(10_000));
    context.put("extra", true);

    assertThat(event.context()).containsExactly(Map.entry("note", "short"));
    assertThat(sentContext(event)).containsExactly(Map.entry("note", "short"));
  }

  @Test
  void theContextCannotBeChangedThroughTheEvent() {
    Event event = Event.builder("note_added").customer("c-1").param("note", "short").build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> event.context().put("note", "other"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
