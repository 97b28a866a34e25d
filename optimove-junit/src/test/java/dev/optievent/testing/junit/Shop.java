package dev.optievent.testing.junit;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.math.BigDecimal;

/** A service as users write one, woven by this module's test build. */
public class Shop {

  /** Reports {@code newsletter_signup} for the customer given. */
  @OptimoveEvent(name = "newsletter_signup")
  public void signUp(
      @CustomerId String customerId,
      @EventParam("email") String email,
      @EventParam("opt_in") boolean optIn) {
    // business logic only
  }

  /** Reports {@code checkout_completed} for the customer given. */
  @OptimoveEvent(name = "checkout_completed")
  public void checkout(@CustomerId String customerId, @EventParam("total") BigDecimal total) {
    // business logic only
  }
}
