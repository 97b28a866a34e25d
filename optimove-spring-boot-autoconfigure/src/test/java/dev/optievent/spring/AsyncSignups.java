package dev.optievent.spring;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.scheduling.annotation.Async;

/** An {@code @Async} reporting method: run, and reported, on an executor's thread. */
public class AsyncSignups {
  /**
   * Signs up on the executor's thread.
   *
   * @param email the address
   */
  @Async
  @OptimoveEvent(name = "async_signup")
  public void signUp(@EventParam("email") String email) {}
}
