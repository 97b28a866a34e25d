package dev.optievent.client.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.wire.PayloadWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A captured event's delivery holds its parts alone and gives the same event back; anything else is
 * wrapped as it was sent.
 */
class DeliveryKindsTest {
  private static final String[] NAMES = {"email", "opt_in", "left_out"};

  private static Event captured(String customer, String visitor, long epochNanos) {
    return ClientAccess.get()
        .capturedEvent(
            "signup",
            customer,
            visitor,
            epochNanos,
            new ParamMap(NAMES, new Object[] {"a@example.com", Boolean.TRUE, null}));
  }

  @Test
  void aCapturedCustomerEventIsHeldAsPartsAndComesBackEqual() {
    long now = System.nanoTime();
    long epochNanos = WallClock.epochNanos(now);
    Event event = captured("c-1", null, epochNanos);

    Delivery d = Delivery.captured(event, now, epochNanos, 100);

    assertThat(d).isInstanceOf(CapturedDelivery.class);
    assertThat(d.event()).isEqualTo(event).isNotSameAs(event);
    assertThat(d.event().context())
        .containsExactly(
            java.util.Map.entry("email", "a@example.com"), java.util.Map.entry("opt_in", true));
    assertThat(d.event().timestamp()).isEqualTo(Instant.ofEpochSecond(0, 0).plusNanos(epochNanos));
    assertThat(d.eventKey()).isEqualTo("signup");
    assertThat(d.size()).isEqualTo(100);
    // The offset between the clocks has not been taken again since: exactly the acceptance time.
    assertThat(d.acceptedNanos()).isEqualTo(now);
  }

  @Test
  void aCapturedVisitorEventKeepsItsIdAsAVisitorAndItsFlagOutOfTheAttemptsAndState() {
    long now = System.nanoTime();
    long epochNanos = WallClock.epochNanos(now);
    Event event = captured(null, "v-1", epochNanos);

    Delivery d = Delivery.captured(event, now, epochNanos, 100);

    assertThat(d.event().customerId()).isNull();
    assertThat(d.event().visitorId()).isEqualTo("v-1");
    assertThat(d.event()).isEqualTo(event);
    assertThat(d.attempts()).isZero();
    assertThat(d.isSettled()).isFalse();
    assertThat(d.nextAttempt()).isEqualTo(1);
    assertThat(d.nextAttempt()).isEqualTo(2);
    assertThat(d.markSettled()).isTrue();
    assertThat(d.markSettled()).isFalse();
    assertThat(d.isCounted()).isFalse();
    d.markCounted();
    assertThat(d.isCounted()).isTrue();
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(d.event().visitorId()).isEqualTo("v-1");
  }

  @Test
  void aCustomerEventNeverReadsAsAVisitor() {
    long epochNanos = WallClock.epochNanos(System.nanoTime());
    Delivery d = Delivery.captured(captured("c-1", null, epochNanos), 0, epochNanos, 1);
    d.nextAttempt();
    d.markSettled();
    d.markCounted();

    assertThat(d.event().customerId()).isEqualTo("c-1");
    assertThat(d.event().visitorId()).isNull();
  }

  @Test
  void anEventWithBothIdsOrAnotherContextIsWrappedAsItWasSent() {
    long now = System.nanoTime();
    long epochNanos = WallClock.epochNanos(now);
    Event both = captured("c-1", "v-1", epochNanos);
    Event built = Event.builder("signup").customer("c-1").param("email", "a@example.com").build();

    Delivery bothIds = Delivery.captured(both, now, epochNanos, 1);
    Delivery otherContext = Delivery.captured(built, now, epochNanos, 1);

    assertThat(bothIds).isInstanceOf(SentDelivery.class);
    assertThat(bothIds.event()).isSameAs(both);
    assertThat(otherContext).isInstanceOf(SentDelivery.class);
    assertThat(otherContext.event()).isSameAs(built);
    assertThat(otherContext.acceptedNanos()).isEqualTo(now);
  }

  @Test
  void aCapturedDeliveryWritesTheBodyItsEventWouldHave() throws Exception {
    PayloadWriter writer = new PayloadWriter(7);
    long epochNanos = WallClock.epochNanos(System.nanoTime());
    for (Event event :
        new Event[] {captured("c-1", null, epochNanos), captured(null, "v-1", epochNanos)}) {
      Delivery d = Delivery.captured(event, 0, epochNanos, 1);

      assertThat(d).isInstanceOf(CapturedDelivery.class);
      assertThat(new String(d.body(writer), StandardCharsets.UTF_8))
          .isEqualTo(new String(writer.write(event), StandardCharsets.UTF_8))
          .contains("\"email\":\"a@example.com\"", "\"opt_in\":true")
          .doesNotContain("left_out");
    }
  }

  @Test
  void aSentEventIsKeptAsItIs() {
    Event event = Event.builder("signup").visitor("v-1").build();

    Delivery d = Delivery.of(event, 42);

    assertThat(d.event()).isSameAs(event);
    assertThat(d.eventKey()).isEqualTo("signup");
    assertThat(d.acceptedNanos()).isEqualTo(42);
    assertThat(d.size()).isEqualTo(EventSize.estimate(event));
  }
}
