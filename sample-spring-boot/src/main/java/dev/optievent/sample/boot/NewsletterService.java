package dev.optievent.sample.boot;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.stereotype.Service;

/** A business service: its annotated method is reported through a Spring AOP proxy. */
@Service
public class NewsletterService {

  /**
   * Signs an address up; reported as {@code newsletter_signup} for the signed-in user.
   *
   * @param email the address
   * @param optIn whether marketing e-mail is wanted
   * @return a confirmation
   */
  @OptimoveEvent(name = "newsletter_signup")
  public String signUp(@EventParam("email") String email, @EventParam("opt_in") boolean optIn) {
    return "signed up " + email;
  }
}
