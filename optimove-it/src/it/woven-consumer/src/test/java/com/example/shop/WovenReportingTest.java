package com.example.shop;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.Reasons;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.junit.OptimoveExtension;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumer's own classes were woven at build time: calling them reports to the endpoint. The
 * test kit runs the endpoint, connects the aspect and checks what arrived.
 */
class WovenReportingTest {

  // The catalog the annotation processor wrote into this build's classes, used as the runtime
  // catalog: it proves that the two agree on the format and on the events.
  @RegisterExtension
  static final OptimoveExtension optimove = OptimoveExtension.builder().generatedCatalog().build();

  @Test
  void theWovenMethodsReportTheirEventsCheckedAgainstTheGeneratedCatalog() {
    new NewsletterService().signUp("c-1001", "ada@example.com", true);
    new CheckoutService().checkout("c-1001", new CheckoutService.Cart(2, new BigDecimal("59.90")));

    assertThat(optimove)
        .hasReceivedOnce(
            event("newsletter_signup")
                .forCustomer("c-1001")
                .with("email", "ada@example.com")
                .with("opt_in", true)
                .withNoOtherParameters())
        .hasReceivedOnce(
            event("checkout_completed")
                .forCustomer("c-1001")
                .with("items", 2)
                .with("total", new BigDecimal("59.90"))
                .with("order_id", "o-1")
                .withNoOtherParameters())
        .hasReceivedEventCount(2)
        .hasDeliveredEverything();
    optimove
        .receivedEvents()
        .forEach(e -> System.out.println("The endpoint received: " + e.rawJson()));
  }

  @Test
  void aCallWithoutACustomerIsDroppedAndNeverSent(FakeOptimoveServer server) {
    new CheckoutService().checkout(null, new CheckoutService.Cart(1, BigDecimal.TEN));

    assertThat(optimove)
        .hasDropped(event("checkout_completed").with("order_id", "o-1"), Reasons.NO_IDENTITY)
        .hasNotReceived(event("checkout_completed"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aFailingAssertionSaysWhichParameterDiffers() {
    new NewsletterService().signUp("c-1001", "ada@example.org", false);

    assertThatThrownBy(
            () ->
                assertThat(optimove)
                    .within(Duration.ofMillis(200))
                    .hasReceived(event("newsletter_signup").with("email", "ada@example.com")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "  1. newsletter_signup for customer \"c-1001\""
                + " {email=\"ada@example.org\", opt_in=false}\n"
                + "       - parameter email: expected \"ada@example.com\" but was"
                + " \"ada@example.org\"\n");
  }
}
