package dev.optievent.client.internal.delivery;

import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.outcome.Accounting;
import dev.optievent.client.internal.outcome.Outcomes;
import dev.optievent.client.internal.validation.EventValidator;
import dev.optievent.client.internal.validation.ValidationResult;

/**
 * The whole check of one event against the rules (the vendor's, the catalog's, the user's), and the
 * count of an event a rule refuses: for the queue ({@link Admission}) and for an outside store
 * ({@link Preparation}).
 */
final class Checks {
  private final EventValidator validator;
  private final Outcomes outcomes;
  private final Accounting accounting;

  Checks(EventValidator validator, Outcomes outcomes, Accounting accounting) {
    this.validator = validator;
    this.outcomes = outcomes;
    this.accounting = accounting;
  }

  /**
   * Runs the checks.
   *
   * @param countAccepted whether to count the event as accepted before counting its refusal (the
   *     caller has not counted it)
   * @return the event to send (the one given, or the one a rule changed), or {@code null} if a rule
   *     refused it, which is then counted
   */
  Event checked(Event event, boolean countAccepted) {
    ValidationResult result;
    try {
      result = validator.check(event);
    } catch (RuntimeException e) {
      refuse(countAccepted);
      outcomes.droppedNow(
          event, Reasons.VALIDATION_FAILED, "validation threw " + LogSafe.describe(e));
      return null;
    }
    if (result == null) {
      return event;
    }
    Event checked = result.event() != null ? result.event() : event;
    switch (result.outcome()) {
      case REJECT -> {
        refuse(countAccepted);
        outcomes.rejectedNow(checked, Admission.reasonOrUnknown(result.reason()), result.message());
        return null;
      }
      case DROP -> {
        refuse(countAccepted);
        outcomes.droppedNow(checked, Admission.reasonOrUnknown(result.reason()), result.message());
        return null;
      }
      default -> {
        return checked;
      }
    }
  }

  private void refuse(boolean countAccepted) {
    if (countAccepted) {
      accounting.accepted();
    }
  }

  /** Counts an event refused outside the checks as accepted and rejected. */
  void rejected(Event event, String reason, String message) {
    accounting.accepted();
    outcomes.rejectedNow(event, reason, message);
  }
}
