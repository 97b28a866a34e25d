package dev.optievent.client.internal.validation;

import dev.optievent.client.Event;

/**
 * Checks one event on the calling thread before it is queued. Must be cheap and must not throw for
 * any event. Internal.
 */
@FunctionalInterface
public interface EventValidator {

  /**
   * @param event the event as built
   * @return send (possibly an adjusted event), reject or drop
   */
  ValidationResult check(Event event);

  /**
   * Whether an event a front-end captured passes every rule unchanged, judged from its parts so
   * that none is made for it: {@code true} only if {@link #check} of the same event would answer
   * {@link ValidationResult#unchanged()}. {@code false} says only "check the event": then the
   * caller makes it and {@link #check} decides, and says why. The default answers {@code false}.
   *
   * @param eventKey the event key
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null}
   * @param names the parameter names, by slot
   * @param values the values by slot, mapped; {@code null} for a parameter left out
   * @return whether the event passes unchanged
   */
  default boolean passesUnchanged(
      String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
    return false;
  }
}
