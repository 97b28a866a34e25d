package dev.optievent.spring.woven;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/** Compiled by ajc with the aspect, as an application that weaves would be. */
public class WovenSignups {

  /**
   * Reported by the woven advice.
   *
   * @param email the address
   */
  @OptimoveEvent(name = "woven_signup")
  public void signUp(@EventParam("email") String email) {}

  /**
   * Whether ajc wove this class.
   *
   * @return true when woven
   */
  public static boolean isWoven() {
    for (var field : WovenSignups.class.getDeclaredFields()) {
      if (field.getName().startsWith("ajc$")) {
        return true;
      }
    }
    return false;
  }
}
