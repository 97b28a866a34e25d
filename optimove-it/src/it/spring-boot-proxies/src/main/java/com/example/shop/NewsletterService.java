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
    // An address starting with "slow" takes a minute: longer than any request waits.
    Duration work = Duration.ofMillis(email.startsWith("slow") ? 60_000 : 20);
    return Mono.delay(work)
        .map(
            tick -> {
              if (email.startsWith("bounce")) {
                throw new IllegalStateException("the address bounced");
              }
              return "confirmed " + email;
            });
  }
}
