package dev.optievent.sample;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.aspect.OptimoveContext;
import dev.optievent.client.Reasons;
import dev.optievent.testing.junit.OptimoveExtension;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checkouts report for the request's customer, from the cart and the order; a declined payment
 * reports nothing. Uses {@code @ExtendWith} and takes the extension as a parameter.
 */
@ExtendWith(OptimoveExtension.class)
class CheckoutServiceTest {

  private final CheckoutService checkout = new CheckoutService();

  @Test
  void aCheckoutReportsTheCartAndTheOrderForTheRequestsCustomer(OptimoveExtension optimove) {
    Order order;
    try (OptimoveContext.Scope scope = OptimoveContext.customer("c-1001")) {
      order = checkout.checkout(new Cart(2, new BigDecimal("59.90"), "USD"));
    }

    assertThat(optimove)
        .hasReceivedOnce(
            event("checkout_completed")
                .forCustomer("c-1001")
                .with("total", new BigDecimal("59.90"))
                .with("currency", "USD")
                .with("order_id", order.id())
                .withNoOtherParameters());
  }

  @Test
  void aDeclinedPaymentReportsNothing(OptimoveExtension optimove) {
    try (OptimoveContext.Scope scope = OptimoveContext.customer("c-1001")) {
      assertThatThrownBy(() -> checkout.checkout(new Cart(0, BigDecimal.ZERO, "USD")))
          .isInstanceOf(PaymentDeclinedException.class);
    }

    assertThat(optimove).hasNotReceived(event("checkout_completed")).hasReceivedEventCount(0);
  }

  @Test
  void aCheckoutOutsideARequestHasNoCustomerAndIsDropped(OptimoveExtension optimove) {
    checkout.checkout(new Cart(1, new BigDecimal("10.00"), "USD"));

    assertThat(optimove)
        .hasDropped(event("checkout_completed").with("total", 10), Reasons.NO_IDENTITY)
        .hasNotReceived(event("checkout_completed"));
  }
}
