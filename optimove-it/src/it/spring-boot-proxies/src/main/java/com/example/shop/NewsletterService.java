package com.example.shop;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.time.Duration;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

@Service
public class NewsletterService {

  @OptimoveEvent(name = "newsletter_signup")
  public String signUp(@EventParam("email") String email) {
    return "signed up";
  }

  /** Reported when the confirmation's work completes: after the method and the request thread. */
  @OptimoveEvent(name = "newsletter_confirmed")
  @EventParam("confirmation")
  public Mono<String> confirm(@EventParam("email") String email) {
    return Mono.delay(Duration.ofMillis(20))
        .map(
            tick -> {
              if (email.startsWith("bounce")) {
                throw new IllegalStateException("the address bounced");
              }
              return "confirmed " + email;
            });
  }
}
