package dev.optievent.client.internal.validation;

import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.NumberLimits;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.ValueMapper;
import java.util.Map;

/**
 * The vendor's documented rules on an event's content: a non-blank key, at most {@code
 * maxParameters} parameters with non-blank names, values of type String, Number or Boolean only
 * (finite numbers), and text at most {@code maxTextLength} characters. Names are never rewritten:
 * they are case sensitive. Internal.
 */
final class EventRules implements EventValidator {
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
      return ValidationResult.reject(event, Reasons.BLANK_EVENT_KEY, "the event key is blank");
    }
    Map<String, Object> context = event.context();
    if (context.size() > maxParameters) {
      return ValidationResult.reject(
          event,
          Reasons.TOO_MANY_PARAMETERS,
          "event '"
              + key
              + "' has "
              + context.size()
              + " parameters; the most allowed is "
              + maxParameters);
    }
    if (context instanceof ParamMap params) {
      // The aspect's events: walked by index, without an iterator or entry objects.
      for (int i = 0; i < params.slots(); i++) {
        Object value = params.valueAt(i);
        if (value != null) {
          Rejection problem = checkParam(key, params.nameAt(i), value);
          if (problem != null) {
            return problem.of(event);
          }
        }
      }
      return ValidationResult.unchanged();
    }
    for (Map.Entry<String, Object> e : context.entrySet()) {
      Rejection problem = checkParam(key, e.getKey(), e.getValue());
      if (problem != null) {
        return problem.of(event);
      }
    }
    return ValidationResult.unchanged();
  }

  @Override
  public boolean passesUnchanged(
      String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
    if (eventKey.isBlank()) {
      return false;
    }
    int present = 0;
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value != null) {
        if (++present > maxParameters || checkParam(eventKey, names[i], value) != null) {
          return false;
        }
      }
    }
    return true;
  }

  /** A rule one parameter breaks, before it is tied to its event. */
  private record Rejection(String reason, String message) {
    ValidationResult of(Event event) {
      return ValidationResult.reject(event, reason, message);
    }
  }

  /** Rejects for one parameter: "event 'k', parameter 'p': what is wrong". */
  private static Rejection reject(String key, String reason, String name, String problem) {
    return new Rejection(reason, "event '" + key + "', parameter '" + name + "': " + problem);
  }

  /**
   * @return the rule one parameter breaks, or {@code null} if it is fine
   */
  private Rejection checkParam(String key, String name, Object value) {
    if (name == null || name.isBlank()) {
      return new Rejection(
          Reasons.BLANK_PARAMETER_NAME, "event '" + key + "' has a parameter with a blank name");
    }
    if (value instanceof String text) {
      if (text.length() > maxTextLength) {
        return reject(
            key,
            Reasons.VALUE_TOO_LONG,
            name,
            "text of " + text.length() + " characters; the most allowed is " + maxTextLength);
      }
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return reject(key, Reasons.INVALID_NUMBER, name, d + " is not a number JSON can carry");
      }
    } else if (value instanceof Number n && !NumberLimits.fits(n)) {
      return reject(
          key,
          Reasons.INVALID_NUMBER,
          name,
          "a number of more than " + NumberLimits.MAX_DIGITS + " digits in plain notation");
    } else if (!ValueMapper.isMapped(value)) {
      return reject(
          key,
          Reasons.UNSUPPORTED_VALUE_TYPE,
          name,
          "a "
              + (value == null ? "null" : value.getClass().getName())
              + " is not text, number or boolean (Event maps the supported types; this one is not)");
    }
    return null;
  }
}
