package dev.optievent.sample;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/** Newsletter sign-ups: the customer ID and the parameters are plain arguments. */
public class NewsletterService {

  /**
   * Signs a customer up for the newsletter.
   *
   * @param customerId the customer
   * @param email the address to send to
   * @param optIn whether marketing e-mail is allowed
   */
  @OptimoveEvent(name = "newsletter_signup")
  public void signUp(
      @CustomerId String customerId,
      @EventParam("email") String email,
      @EventParam("opt_in") boolean optIn) {
    // business logic only: storing the subscription would happen here
  }
}
