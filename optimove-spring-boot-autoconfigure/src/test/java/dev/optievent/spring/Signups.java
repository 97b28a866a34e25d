package dev.optievent.spring;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/**
 * Compiled by javac only: reported through a Spring AOP proxy or not at all. Public, so that a
 * class proxy can be made in a test's filtered class loader.
 */
public class Signups {

  @OptimoveEvent(name = "newsletter_signup")
  public void signUp(@EventParam("email") String email) {}

  @OptimoveEvent(name = "failing_signup")
  public void failingSignUp(@EventParam("email") String email) {
    throw new IllegalStateException("refused");
  }

  /**
   * Calls a woven annotated method of another object inside its own reported call.
   *
   * @param email the address
   */
  @OptimoveEvent(name = "referral_signup")
  public void signUpWithWovenReferral(@EventParam("email") String email) {
    new dev.optievent.spring.woven.WovenSignups().signUp("referred-" + email);
  }

  public void notAnnotated() {}
}
