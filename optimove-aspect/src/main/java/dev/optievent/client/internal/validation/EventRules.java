package dev.optievent.client.internal.validation;

import dev.optievent.client.Event;
import java.util.Map;

/**
 * The vendor's documented rules on an event's content: a non-blank key, at most
 * {@code maxParameters} parameters with non-blank names, values of type String, Number or Boolean
 * only (finite numbers), and text at most {@code maxTextLength} characters. Names are never
 * rewritten: they are case sensitive. Internal.
 */
public final class EventRules implements EventValidator {
  private final int maxParameters;
  private final int maxTextLength;

  /**
   * @param maxParameters most parameters per event
   * @param maxTextLength longest text value
   */
  public EventRules(int maxParameters, int maxTextLength) {
    this.maxParameters = maxParameters;
    this.maxTextLength = maxTextLength;
  }

  @Override
  public ValidationResult check(Event event) {
    String key = event.eventKey();
    if (key.isBlank()) {
      return ValidationResult.reject(event, "blank_event_key", "the event key is blank");
    }
    Map<String, Object> context = event.context();
    if (context.size() > maxParameters) {
      return ValidationResult.reject(event, "too_many_parameters", "event '" + key + "' has "
          + context.size() + " parameters; the most allowed is " + maxParameters);
    }
    for (Map.Entry<String, Object> e : context.entrySet()) {
      String name = e.getKey();
      Object value = e.getValue();
      if (name == null || name.isBlank()) {
        return ValidationResult.reject(event, "blank_parameter_name",
            "event '" + key + "' has a parameter with a blank name");
      }
      if (value instanceof String) {
        int length = ((String) value).length();
        if (length > maxTextLength) {
          return ValidationResult.reject(event, "value_too_long", "event '" + key
              + "', parameter '" + name + "': text of " + length
              + " characters; the most allowed is " + maxTextLength);
        }
      } else if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return ValidationResult.reject(event, "invalid_number", "event '" + key
              + "', parameter '" + name + "': " + d + " is not a number JSON can carry");
        }
      } else if (!(value instanceof Number) && !(value instanceof Boolean)) {
        return ValidationResult.reject(event, "unsupported_value_type", "event '" + key
            + "', parameter '" + name + "': a " + (value == null ? "null" : value.getClass().getName())
            + " is not text, number or boolean");
      }
    }
    return ValidationResult.send(event);
  }
}
