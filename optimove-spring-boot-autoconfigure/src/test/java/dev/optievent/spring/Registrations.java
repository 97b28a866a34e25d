package dev.optievent.spring;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/** Compiled by javac only: an annotated method that returns a value, reported through a proxy. */
public class Registrations {

  /**
   * Registers an address.
   *
   * @param email the address
   * @return the registration's ID
   */
  @OptimoveEvent(name = "registered")
  public String register(@EventParam("email") String email) {
    return "registration-of-" + email;
  }
}
