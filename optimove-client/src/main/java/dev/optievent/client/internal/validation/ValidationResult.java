package dev.optievent.client.internal.validation;

import dev.optievent.client.Event;

/**
 * What validation decided for one event: send it (perhaps adjusted, e.g. trimmed IDs or a parameter
 * left out), reject it for a rule, or drop it (no identity). Internal.
 *
 * @param outcome the decision
 * @param event the event to send (for {@link Outcome#SEND}; {@code null}: the event as given,
 *     unchanged), else the event as given
 * @param reason a snake_case code naming the rule, for REJECT and DROP
 * @param message a human explanation naming the event key and parameter, never an ID in clear
 */
public record ValidationResult(Outcome outcome, Event event, String reason, String message) {

  /** The decision. */
  public enum Outcome {
    SEND,
    REJECT,
    DROP
  }

  private static final ValidationResult UNCHANGED =
      new ValidationResult(Outcome.SEND, null, null, null);

  /**
   * The result of every check that passes without changing the event: one shared instance, so that
   * the calling thread allocates nothing for a valid event.
   *
   * @return a result that sends the event as given ({@link #event()} is {@code null})
   */
  public static ValidationResult unchanged() {
    return UNCHANGED;
  }

  /**
   * @return a result that sends {@code event}
   */
  public static ValidationResult send(Event event) {
    return new ValidationResult(Outcome.SEND, event, null, null);
  }

  /**
   * @return a result that rejects {@code event} for {@code reason}
   */
  public static ValidationResult reject(Event event, String reason, String message) {
    return new ValidationResult(Outcome.REJECT, event, reason, message);
  }

  /**
   * @return a result that drops {@code event} for {@code reason}
   */
  public static ValidationResult drop(Event event, String reason, String message) {
    return new ValidationResult(Outcome.DROP, event, reason, message);
  }
}
