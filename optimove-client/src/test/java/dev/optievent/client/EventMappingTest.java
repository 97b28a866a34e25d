package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events built by hand map their values exactly as the aspect maps annotated values, and keep what
 * was validated: checked on the JSON the fake endpoint received.
 */
class EventMappingTest {
  private enum Plan {
    GOLD
  }

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

  private Map<String, Object> sentContext(Event event) {
    assertThat(client.send(event)).isTrue();
    flushed(client);
    List<ReceivedEvent> events = server.awaitAcceptedEvents(1, Duration.ofSeconds(5));
    return events.get(0).context();
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
