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
}
