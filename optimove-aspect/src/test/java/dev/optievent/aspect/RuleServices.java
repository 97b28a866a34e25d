package dev.optievent.aspect;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.annotation.VisitorId;

/** Woven services used to exercise the vendor's validation rules. */
class RuleServices {

  @OptimoveEvent(name = "newsletter_signup")
  public void signUp(
      @CustomerId String customerId,
      @EventParam("email") String email,
      @EventParam("opt_in") Boolean optIn) {}

  @OptimoveEvent(name = "newsletter_signup")
  public void signUpWithSource(
      @CustomerId String customerId,
      @EventParam("email") String email,
      @EventParam("source") String source) {}

  @OptimoveEvent(name = "newsletter_signup")
  public void signUpWrongType(
      @CustomerId String customerId,
      @EventParam("email") String email,
      @EventParam("opt_in") String optIn) {}

  @OptimoveEvent(name = "page_visit")
  public void visit(@VisitorId String visitorId) {}

  @OptimoveEvent(name = "unlisted_event")
  public void unlisted(@CustomerId String customerId) {}

  @OptimoveEvent(name = "three_params")
  public void three(
      @CustomerId String customerId,
      @EventParam("a") int a,
      @EventParam("b") int b,
      @EventParam("c") int c) {}
}
