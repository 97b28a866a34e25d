package com.example.shop;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.stereotype.Service;

@Service
public class NewsletterService {

  @OptimoveEvent(name = "newsletter_signup")
  public String signUp(@EventParam("email") String email) {
    return "signed up";
  }
}
