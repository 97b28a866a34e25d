package com.example.shop;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/** A business service as users write one: annotations only, no reporting code. */
public class NewsletterService {

  @OptimoveEvent(name = "newsletter_signup")
  public void signUp(@CustomerId String customerId,
                     @EventParam("email") String email,
                     @EventParam("opt_in") boolean optIn) {
    // storing the subscription would happen here
  }
}
