package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.testing.ReceivedEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Values from nested properties, return values and completed stages, mapped to vendor types. */
class ParameterSourcesTest {
  private final ReportingFixture fixture = new ReportingFixture();
  private final ParamServices services = new ParamServices();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private ReceivedEvent onlyEvent() {
    assertThat(fixture.flushed()).hasSize(1);
    return fixture.server.acceptedEvents().get(0);
  }

  @Test
  void readsRecordComponentsGettersFieldsAndMapKeysAlongAPath() {
    services.subscribe(
        new ParamServices.Subscribe(
            new ParamServices.Account("c-9", true, "emea"),
            new ParamServices.PlanChoice("pro", 5),
            Map.of("channel", "web")));

    ReceivedEvent event = onlyEvent();

    assertThat(event.customer()).isEqualTo("c-9");
    assertThat(event.context())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("plan", "pro", "seats", 5, "vip", true, "region", "emea", "channel", "web"));
  }

  @Test
  void aNullAlongThePathLeavesTheParameterOut() {
    services.subscribe(
        new ParamServices.Subscribe(new ParamServices.Account("c-9", false, null), null, Map.of()));

    assertThat(onlyEvent().context()).containsOnlyKeys("vip");
  }

  @Test
  void takesParametersFromTheReturnValue() {
    ParamServices.Receipt receipt = services.checkout("c-1", "USD");

    ReceivedEvent event = onlyEvent();
    assertThat(receipt.orderId()).isEqualTo("ord-77");
    assertThat(event.rawJson())
        .contains(
            "\"context\":{\"currency\":\"USD\",\"order_id\":\"ord-77\"," + "\"total\":1250.50}");
  }

  @Test
  void takesAPrimitiveReturnValueAndANumericCustomerId() {
    services.count(12345L);

    ReceivedEvent event = onlyEvent();
    assertThat(event.customer()).isEqualTo("12345");
    assertThat(event.context()).containsEntry("count", 3);
  }

  private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  /** The parameter names of {@link ParamServices#typed} and one value of each Java type. */
  private static final String[] TYPED_NAMES = {
    "tier", "uuid", "initial", "small", "big", "ratio", "amount", "huge", "maybe", "absent", "day",
    "at", "text"
  };

  private static final Object[] TYPED_VALUES = {
    ParamServices.Tier.GOLD,
    ID,
    'Z',
    (short) 7,
    9_007_199_254_740_993L,
    0.25,
    new BigDecimal("1E+3"),
    new BigInteger("123456789012345678901234567890"),
    Optional.of("yes"),
    Optional.empty(),
    LocalDate.of(2026, 1, 2),
    Instant.parse("2020-04-12T17:32:06.094Z"),
    new StringBuilder("built")
  };

  @SuppressWarnings("unchecked")
  private void callTyped() {
    Object[] v = TYPED_VALUES;
    services.typed(
        ID,
        (ParamServices.Tier) v[0],
        (UUID) v[1],
        (char) v[2],
        (short) v[3],
        (long) v[4],
        (double) v[5],
        (BigDecimal) v[6],
        (BigInteger) v[7],
        (Optional<String>) v[8],
        (Optional<String>) v[9],
        (LocalDate) v[10],
        (Instant) v[11],
        (StringBuilder) v[12]);
  }

  @Test
  void anEventBuiltByHandMapsEachValueExactlyAsTheAspectDoes() {
    callTyped();
    Event.Builder byHand = Event.builder("typed").customer(ID.toString());
    for (int i = 0; i < TYPED_NAMES.length; i++) {
      byHand.param(TYPED_NAMES[i], TYPED_VALUES[i]);
    }
    fixture.client.send(byHand.build());

    List<ReceivedEvent> both = fixture.flushed();
    assertThat(both).hasSize(2);
    String woven = both.get(0).rawJson();
    String built = both.get(1).rawJson();
    assertThat(built.substring(built.indexOf("\"context\"")))
        .isEqualTo(woven.substring(woven.indexOf("\"context\"")));
  }

  @Test
  void mapsEachJavaTypeToTextNumberOrBoolean() {
    callTyped();

    ReceivedEvent event = onlyEvent();
    assertThat(event.customer()).isEqualTo(ID.toString());
    assertThat(event.rawJson())
        .contains(
            "\"context\":{\"tier\":\"GOLD\","
                + "\"uuid\":\"123e4567-e89b-12d3-a456-426614174000\",\"initial\":\"Z\",\"small\":7,"
                + "\"big\":9007199254740993,\"ratio\":0.25,\"amount\":1000,"
                + "\"huge\":123456789012345678901234567890,\"maybe\":\"yes\","
                + "\"day\":\"2026-01-02 00:00:00.000 UTC\",\"at\":\"2020-04-12 17:32:06.094 UTC\","
                + "\"text\":\"built\"}");
  }

  @Test
  void neverChangesTheCaseOfEventOrParameterNames() {
    services.caseSensitive("c-1", true);

    ReceivedEvent event = onlyEvent();
    assertThat(event.event()).isEqualTo("Checkout_Completed");
    assertThat(event.context()).containsOnlyKeys("Opt_In");
  }

  @Test
  void sendsWhenTheStageCompletesNormallyUsingTheCompletedValue() {
    CompletableFuture<Integer> outcome = new CompletableFuture<>();
    CompletionStage<Integer> stage = services.award("c-1", 60, outcome);
    assertThat(stage).isSameAs(outcome);
    assertThat(fixture.flushed()).isEmpty(); // not yet completed: nothing sent

    outcome.complete(1060);

    ReceivedEvent event =
        fixture.server.awaitAcceptedEvents(1, java.time.Duration.ofSeconds(10)).get(0);
    assertThat(event.context()).containsEntry("points", 60).containsEntry("balance", 1060);
    outcome.complete(2000); // a second completion is ignored by the future: still one event
    assertThat(fixture.flushed()).hasSize(1);
  }

  @Test
  void sendsNothingWhenTheStageFailsOrIsCancelled() {
    CompletableFuture<Integer> failed = new CompletableFuture<>();
    CompletableFuture<Integer> cancelled = new CompletableFuture<>();
    services.award("c-1", 10, failed);
    services.award("c-1", 20, cancelled);

    failed.completeExceptionally(new IllegalStateException("ledger down"));
    cancelled.cancel(true);

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().accepted()).isZero();
  }

  @Test
  void decidesAnObjectParameterPerValue() {
    services.dynamic("c-1", 42);
    services.dynamic("c-1", new ParamServices.Money());

    assertThat(fixture.flushed()).extracting(e -> e.context().get("value")).containsExactly(42);
    assertThat(fixture.client.stats().dropped("unsupported_value_type")).isEqualTo(1);
  }
}
