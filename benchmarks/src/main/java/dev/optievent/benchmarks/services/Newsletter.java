package dev.optievent.benchmarks.services;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/**
 * A woven service: {@link #signUp} reports {@code newsletter_signup} with two parameters and the
 * customer of the calling thread's {@code OptimoveContext}; {@link #signUpPlain} is the identical
 * method without the annotation, the baseline.
 */
public class Newsletter extends NewsletterState {
  // 64 bytes after the state the bodies write (NewsletterState pads before it): each calling thread
  // of the contention benchmarks has its own instance, and two instances copied side by side by a
  // collection would otherwise share a cache line that both threads write on every call, a cost of
  // the benchmark's own, not of the library.
  @SuppressWarnings("unused")
  private long q01, q02, q03, q04, q05, q06, q07, q08;

  /**
   * Woven: reports {@code newsletter_signup} after it returns.
   *
   * @param email the subscriber's address
   * @param optIn whether they opted in
   */
  @OptimoveEvent(name = "newsletter_signup")
  public void signUp(@EventParam("email") String email, @EventParam("opt_in") boolean optIn) {
    lastEmail = email;
    if (optIn) {
      optIns++;
    }
  }

  /**
   * The same body without the annotation: nothing is woven into it.
   *
   * @param email the subscriber's address
   * @param optIn whether they opted in
   */
  public void signUpPlain(String email, boolean optIn) {
    lastEmail = email;
    if (optIn) {
      optIns++;
    }
  }

  /**
   * @return the state the bodies leave, so that they cannot be optimised away
   */
  public int state() {
    return optIns + (lastEmail == null ? 0 : lastEmail.length());
  }
}
