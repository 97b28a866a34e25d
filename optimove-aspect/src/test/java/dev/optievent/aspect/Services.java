package dev.optievent.aspect;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.annotation.VisitorId;

/** Woven test services: the aspect runs around these just as in an application. */
class Services {

  static class Newsletter {
    @OptimoveEvent(name = "newsletter_signup")
    public void signUp(
        @CustomerId String customerId,
        @EventParam("email") String email,
        @EventParam("opt_in") boolean optIn) {}

    @OptimoveEvent(name = "newsletter_signup")
    public void signUpFromContext(
        @EventParam("email") String email, @EventParam("opt_in") Boolean optIn) {}

    @OptimoveEvent(name = "page_visit")
    public void visit(@VisitorId String visitorId, @EventParam("page") String page) {}

    @OptimoveEvent(name = "newsletter_signup")
    public void signUpKnownVisitor(
        @CustomerId String customerId,
        @VisitorId String visitorId,
        @EventParam("email") String email) {}

    @OptimoveEvent(name = "newsletter_signup")
    public String signUpOrFail(@CustomerId String customerId, @EventParam("email") String email) {
      if (email.isEmpty()) {
        throw new IllegalArgumentException("email is required");
      }
      return "ok:" + email;
    }

    public void notAnnotated(String customerId) {}
  }
}
