package dev.optievent.testing.junit;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import dev.optievent.testing.Fault;
import java.time.Duration;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Assertions on how the client ended each event: dropped or rejected, and why. */
class OutcomeAssertionsTest {

  @RegisterExtension
  static final OptimoveExtension optimove =
      OptimoveExtension.builder()
          .assertionTimeout(Duration.ofMillis(300))
          .configure(b -> b.maxTextLength(20))
          .build();

  @Test
  void passesForAnEventDroppedForWantOfAnIdentity() {
    send(Event.builder("newsletter_signup").param("email", "ada@example.com"));

    assertThat(optimove)
        .hasDropped(Reasons.NO_IDENTITY)
        .hasDropped(
            event("newsletter_signup").with("email", "ada@example.com"), Reasons.NO_IDENTITY)
        .hasNotReceived(event("newsletter_signup"));
    assertThat(optimove.outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.DROPPED))
        .satisfies(o -> assertThat(o.reason()).isEqualTo(Reasons.NO_IDENTITY));
  }

  @Test
  void passesForAnEventRejectedByARule() {
    send(
        Event.builder("newsletter_signup")
            .customer("c-1")
            .param("email", "a-very-long-address@example.com"));

    assertThat(optimove)
        .hasRejected(Reasons.VALUE_TOO_LONG)
        .hasRejected(event("newsletter_signup").forCustomer("c-1"), Reasons.VALUE_TOO_LONG);
  }

  @Test
  void passesForAnEventOptimoveRefused() {
    optimove.server().script(Fault.errorStatus("unknown event"), Fault.malformedBody(400, "Bad"));
    send(Event.builder("newsletter_signup").customer("c-1"));
    send(Event.builder("newsletter_signup").customer("c-2"));

    assertThat(optimove)
        .hasRejected(event("newsletter_signup"), Reasons.SERVER_ERROR)
        .hasRejected(Reasons.http(400))
        .hasReceivedEventCount(0);
  }

  @Test
  void namesTheOutcomeThatDiffersNearestFirst() {
    sendInOrder(
        Event.builder("newsletter_signup")
            .customer("c-2")
            .param("email", "a-very-long-address@example.com"),
        Event.builder("newsletter_signup").customer("c-1").param("email", "ada@example.com"));

    assertFailure(
            () ->
                assertThat(optimove)
                    .hasDropped(event("newsletter_signup").forCustomer("c-1"), Reasons.NO_IDENTITY))
        .startsWith(
            "Expected the client to drop an event matching\n"
                + "  newsletter_signup for customer \"c-1\"\n"
                + "with reason no_identity\n"
                + "but within 300 ms it reported 2 outcomes, none matching.\n"
                + "Outcomes, nearest match first:\n"
                + "  1. newsletter_signup for customer \"c-1\" {email=\"ada@example.com\"}:"
                + " delivered\n"
                + "       - outcome: expected dropped (no_identity) but was delivered\n"
                + "  2. newsletter_signup for customer \"c-2\""
                + " {email=\"a-very-long-address@example.com\"}: rejected (value_too_long: ")
        .contains(
            "       - outcome: expected dropped (no_identity) but was rejected (value_too_long)\n"
                + "       - customer: expected \"c-1\" but the event is for customer \"c-2\"\n")
        .endsWith(
            "The client in this test: accepted 2, delivered 1, rejected 1 (value_too_long=1),"
                + " dropped 0, pending 0.");
  }

  @Test
  void namesAnotherReason() {
    send(Event.builder("newsletter_signup"));

    assertFailure(() -> assertThat(optimove).hasDropped(Reasons.QUEUE_FULL))
        .startsWith(
            "Expected the client to drop an event with reason queue_full\n"
                + "but within 300 ms it reported 1 outcome, none matching.\n")
        .contains(
            "  1. newsletter_signup for no customer or visitor {}: dropped (no_identity)\n"
                + "       - outcome: expected dropped (queue_full) but was dropped (no_identity)\n");
  }

  @Test
  void saysWhenNoOutcomeWasHeard() {
    assertFailure(() -> assertThat(optimove).hasRejected(Reasons.SERVER_ERROR))
        .isEqualTo(
            "Expected the client to reject an event with reason server_error\n"
                + "but within 300 ms it reported no outcomes.\n"
                + "The client in this test: accepted 0, delivered 0, rejected 0, dropped 0,"
                + " pending 0.");
  }

  @Test
  void listsWhatWasNotDeliveredWhenEverythingShouldHaveBeen() {
    sendInOrder(
        Event.builder("newsletter_signup").customer("c-1").param("email", "ada@example.com"),
        Event.builder("newsletter_signup").param("email", "ada@example.com"),
        Event.builder("newsletter_signup")
            .customer("c-2")
            .param("email", "a-very-long-address@example.com"));

    assertFailure(() -> assertThat(optimove).hasDeliveredEverything())
        .startsWith(
            "Expected the client to deliver every event of this test\n"
                + "but it rejected 1 and dropped 1.\n"
                + "Not delivered:\n"
                + "  1. newsletter_signup for no customer or visitor {email=\"ada@example.com\"}:"
                + " dropped (no_identity)\n"
                + "  2. newsletter_signup for customer \"c-2\""
                + " {email=\"a-very-long-address@example.com\"}: rejected (value_too_long: ")
        .endsWith(
            "The client in this test: accepted 3, delivered 1, rejected 1 (value_too_long=1),"
                + " dropped 1 (no_identity=1), pending 0.");
  }

  private static void send(Event.Builder event) {
    optimove.client().send(event.build());
  }

  /** Sends each event once the one before has settled, so that outcomes come in this order. */
  private static void sendInOrder(Event.Builder... events) {
    for (Event.Builder event : events) {
      send(event);
      assertThat(optimove.client().flush(Duration.ofSeconds(5))).isTrue();
    }
  }

  /** The message of the AssertionError the call throws. */
  private static AbstractStringAssert<?> assertFailure(ThrowingCallable call) {
    return assertThatThrownBy(call).isInstanceOf(AssertionError.class).message();
  }
}
