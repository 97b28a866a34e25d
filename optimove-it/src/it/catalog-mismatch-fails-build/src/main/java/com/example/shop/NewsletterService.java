package com.example.shop;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/** Reports opt_in as text, where the catalog agreed with Optimove says boolean. */
public class NewsletterService {

  @OptimoveEvent(name = "newsletter_signup")
  public void signUp(@CustomerId String customerId,
                     @EventParam("email") String email,
                     @EventParam("opt_in") String optIn) {
  }
}
