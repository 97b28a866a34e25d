package dev.optievent.testing.junit;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.Event;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Assertions on what the fake received: they wait for it, and a failure says what differs. */
class ReceivedEventAssertionsTest {

  // Short, so that the failing assertions below give up quickly.
  @RegisterExtension
  static final OptimoveExtension optimove =
      OptimoveExtension.builder().assertionTimeout(Duration.ofMillis(300)).build();

  enum Plan {
    GOLD
  }

  @Test
  void passesOnceTheEventHasArrived() {
    send(signup("c-1", "ada@example.com").param("opt_in", true));

    assertThat(optimove)
        .hasReceived(event("newsletter_signup"))
        .hasReceivedOnce(
            event("newsletter_signup")
                .forCustomer("c-1")
                .with("email", "ada@example.com")
                .with("opt_in", true)
                .withNoOtherParameters())
        .hasNotReceived(event("payment_failed"))
        .hasReceivedEventCount(1)
        .hasDeliveredEverything();
  }

  @Test
  void comparesNumbersByValueAndEnumsByName() {
    send(
        Event.builder("checkout_completed")
            .visitor("v-1")
            .param("total", new BigDecimal("59.90"))
            .param("items", 2)
            .param("plan", Plan.GOLD));

    assertThat(optimove)
        .hasReceivedOnce(
            event("checkout_completed")
                .forVisitor("v-1")
                .with("total", 59.9)
                .with("items", 2L)
                .with("plan", Plan.GOLD)
                .withNoOtherParameters());
  }

  @Test
  void saysWhenNothingArrived() {
    assertFailure(() -> assertThat(optimove).hasReceived(event("newsletter_signup")))
        .isEqualTo(
            "Expected the fake Optimove endpoint to receive\n"
                + "  newsletter_signup\n"
                + "but within 300 ms it received no events.\n"
                + "The client in this test: accepted 0, delivered 0, rejected 0, dropped 0,"
                + " pending 0.");
  }

  @Test
  void namesADifferentEventKey() {
    send(Event.builder("newsletter_signed_up").customer("c-1").param("email", "ada@example.com"));

    assertFailure(() -> assertThat(optimove).hasReceived(event("newsletter_signup")))
        .contains(
            "but within 300 ms it received 1 event, none matching.\n"
                + "Received, nearest match first:\n"
                + "  1. newsletter_signed_up for customer \"c-1\" {email=\"ada@example.com\"}\n"
                + "       - event key: expected \"newsletter_signup\" but was"
                + " \"newsletter_signed_up\"\n"
                + "The client in this test: accepted 1, delivered 1,");
  }

  @Test
  void namesADifferentCustomerAndAVisitorInstead() {
    sendInOrder(signup("c-2", "ada@example.com"), signupOfVisitor("v-1"));

    assertFailure(
            () -> assertThat(optimove).hasReceived(event("newsletter_signup").forCustomer("c-1")))
        .contains("- customer: expected \"c-1\" but the event is for customer \"c-2\"")
        .contains("- customer: expected \"c-1\" but the event is for visitor \"v-1\"");
    assertFailure(
            () -> assertThat(optimove).hasReceived(event("newsletter_signup").forVisitor("v-2")))
        .contains("- visitor: expected \"v-2\" but the event is for visitor \"v-1\"")
        .contains("- visitor: expected \"v-2\" but the event is for customer \"c-2\"");
  }

  @Test
  void namesAParameterWhoseValueDiffers() {
    send(signup("c-1", "ada@example.org"));

    assertFailure(
            () ->
                assertThat(optimove)
                    .hasReceived(event("newsletter_signup").with("email", "ada@example.com")))
        .contains(
            "  1. newsletter_signup for customer \"c-1\" {email=\"ada@example.org\"}\n"
                + "       - parameter email: expected \"ada@example.com\" but was"
                + " \"ada@example.org\"\n");
  }

  @Test
  void namesAParameterWhoseTypeDiffers() {
    send(Event.builder("checkout_completed").customer("c-1").param("items", "2"));

    assertFailure(
            () -> assertThat(optimove).hasReceived(event("checkout_completed").with("items", 2)))
        .contains("- parameter items: expected number 2 but was text \"2\"");
  }

  @Test
  void namesMissingExtraAndUnwantedParameters() {
    send(signup("c-1", "ada@example.com").param("opt_in", true).param("coupon", "SAVE10"));

    assertFailure(
            () ->
                assertThat(optimove)
                    .hasReceived(
                        event("newsletter_signup")
                            .with("email", "ada@example.com")
                            .with("source", "footer")
                            .without("coupon")
                            .withNoOtherParameters()))
        .contains(
            "Expected the fake Optimove endpoint to receive\n"
                + "  newsletter_signup with email=\"ada@example.com\", source=\"footer\", without"
                + " coupon and no other parameters\n")
        .contains(
            "       - parameter source: missing (expected \"footer\")\n"
                + "       - parameter coupon: expected absent but was \"SAVE10\"\n"
                + "       - extra parameter opt_in=true\n");
  }

  @Test
  void listsTheNearestMatchFirst() {
    sendInOrder(
        Event.builder("checkout_completed").customer("c-1").param("email", "ada@example.com"),
        signup("c-2", "ada@example.com"),
        signup("c-1", "ada@example.org"));

    assertFailure(
            () ->
                assertThat(optimove)
                    .hasReceived(
                        event("newsletter_signup")
                            .forCustomer("c-1")
                            .with("email", "ada@example.com")))
        .contains("1. newsletter_signup for customer \"c-1\" {email=\"ada@example.org\"}")
        .contains("2. newsletter_signup for customer \"c-2\" {email=\"ada@example.com\"}")
        .contains("3. checkout_completed for customer \"c-1\" {email=\"ada@example.com\"}");
  }

  @Test
  void saysHowManyMatchedWhenExactlyOneWasExpected() {
    sendInOrder(signup("c-1", "ada@example.com"), signup("c-1", "ada@example.com"));

    assertFailure(
            () ->
                assertThat(optimove).hasReceivedOnce(event("newsletter_signup").forCustomer("c-1")))
        .startsWith(
            "Expected the fake Optimove endpoint to receive exactly 1 event matching\n"
                + "  newsletter_signup for customer \"c-1\"\n"
                + "but once the client had settled (within 300 ms) it received 2 matching events"
                + " of 2.\n");
    assertFailure(() -> assertThat(optimove).hasReceivedExactly(3, event("newsletter_signup")))
        .contains(
            "exactly 3 events matching\n"
                + "  newsletter_signup\n"
                + "but once the client had settled (within 300 ms) it received 2 matching events"
                + " of 2.\n");
  }

  @Test
  void listsTheEventThatShouldNotHaveArrived() {
    send(Event.builder("payment_failed").customer("c-1"));

    assertFailure(() -> assertThat(optimove).hasNotReceived(event("payment_failed")))
        .isEqualTo(
            "Expected the fake Optimove endpoint to receive no event matching\n"
                + "  payment_failed\n"
                + "but once the client had settled (within 300 ms) it received 1 matching event"
                + " of 1.\n"
                + "Received, nearest match first:\n"
                + "  1. payment_failed for customer \"c-1\" {}\n"
                + "The client in this test: accepted 1, delivered 1, rejected 0, dropped 0,"
                + " pending 0.");
  }

  @Test
  void countsEveryEventThatArrived() {
    sendInOrder(signup("c-1", "ada@example.com"), Event.builder("payment_failed").customer("c-1"));

    assertThat(optimove).hasReceivedEventCount(2);
    assertFailure(() -> assertThat(optimove).hasReceivedEventCount(1))
        .startsWith(
            "Expected the fake Optimove endpoint to receive exactly 1 event\n"
                + "but once the client had settled (within 300 ms) it received 2 events.\n"
                + "Received, in order of arrival:\n"
                + "  1. newsletter_signup for customer \"c-1\" {email=\"ada@example.com\"}\n"
                + "  2. payment_failed for customer \"c-1\" {}\n");
    assertFailure(() -> assertThat(optimove).hasReceivedEventCount(3))
        .contains("receive exactly 3 events\nbut once the client had settled")
        .contains("it received 2 events.");
  }

  @Test
  void showsTheEventsTheClientDidNotDeliver() {
    send(Event.builder("newsletter_signup").param("email", "ada@example.com"));

    assertFailure(() -> assertThat(optimove).hasReceived(event("newsletter_signup")))
        .endsWith(
            "but within 300 ms it received no events.\n"
                + "Not delivered by the client:\n"
                + "  1. newsletter_signup for no customer or visitor {email=\"ada@example.com\"}:"
                + " dropped (no_identity)\n"
                + "The client in this test: accepted 1, delivered 0, rejected 0, dropped 1"
                + " (no_identity=1), pending 0.");
  }

  @Test
  void listsTenEventsAndCountsTheRest() {
    for (int i = 1; i <= 12; i++) {
      send(Event.builder("page_viewed").customer("c-" + i));
    }

    assertFailure(() -> assertThat(optimove).hasReceived(event("newsletter_signup")))
        .contains("it received 12 events, none matching.")
        .contains("\n  10. page_viewed")
        .doesNotContain("\n  11. ")
        .contains("\n  ... and 2 more\n");
  }

  @Test
  void putsTheDescriptionFirstAndKeepsPercentSigns() {
    send(signup("c-1", "100% ada@example.com"));

    assertFailure(
            () ->
                assertThat(optimove)
                    .as("the signup")
                    .hasReceived(event("newsletter_signup").with("email", "ada@example.com")))
        .startsWith("[the signup] Expected the fake Optimove endpoint to receive")
        .contains("but was \"100% ada@example.com\"");
  }

  @Test
  void waitsAsLongAsWithinSays() {
    long start = System.nanoTime();

    assertFailure(
            () ->
                assertThat(optimove)
                    .within(Duration.ofMillis(50))
                    .hasReceived(event("newsletter_signup")))
        .contains("but within 50 ms it received no events.");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
  }

  @Test
  void refusesExpectedValuesOptimoveCannotReceive() {
    assertThatThrownBy(() -> event("x").with("paid_at", Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Parameter paid_at: expect the value Optimove receives")
        .hasMessageContaining("not a java.time.Instant");
    assertThatThrownBy(() -> event("x").with("coupon", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use without(\"coupon\")");
    assertThatThrownBy(() -> event("x").with("total", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN is no number Optimove can receive");
  }

  private static Event.Builder signup(String customer, String email) {
    return Event.builder("newsletter_signup").customer(customer).param("email", email);
  }

  private static Event.Builder signupOfVisitor(String visitor) {
    return Event.builder("newsletter_signup").visitor(visitor).param("email", "ada@example.com");
  }

  private static void send(Event.Builder event) {
    optimove.client().send(event.build());
  }

  /** Sends each event once the one before has arrived, so that they arrive in this order. */
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
