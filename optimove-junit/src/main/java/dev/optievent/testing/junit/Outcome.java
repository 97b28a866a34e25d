package dev.optievent.testing.junit;

import dev.optievent.client.Event;
import java.util.Locale;
import java.util.Objects;

/**
 * How the client ended one event, as the {@link dev.optievent.client.DeliveryListener} that {@link
 * OptimoveExtension} installs heard it.
 *
 * @param kind delivered, rejected or dropped
 * @param event the event
 * @param reason the reason code (a constant of {@link dev.optievent.client.Reasons}), or {@code
 *     null} when delivered
 * @param detail the message id when delivered, the server's or the rule's message when rejected,
 *     {@code null} when dropped
 */
public record Outcome(Kind kind, Event event, String reason, String detail) {

  /** The three ways an event ends. */
  public enum Kind {
    /** Optimove answered {@code "status":"success"}. */
    DELIVERED,
    /** Refused for good, by a rule before sending or by Optimove. */
    REJECTED,
    /** Not delivered and never will be. */
    DROPPED
  }

  /**
   * Checks that the kind and the event are given.
   *
   * @param kind delivered, rejected or dropped
   * @param event the event
   * @param reason the reason code, or {@code null}
   * @param detail the message id or message, or {@code null}
   */
  public Outcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(event, "event");
  }

  /**
   * E.g. {@code checkout_completed for no customer or visitor {total=5}: dropped (no_identity)}.
   */
  String describeWithEvent() {
    return EventView.of(event).describe() + ": " + describeOutcome();
  }

  /**
   * E.g. {@code dropped (no_identity)}, {@code rejected (value_too_long: ...)}, {@code delivered}.
   */
  String describeOutcome() {
    String name = kind.name().toLowerCase(Locale.ROOT);
    if (kind == Kind.DELIVERED) {
      return name;
    }
    return name + " (" + reason + (detail == null ? "" : ": " + detail) + ")";
  }
}
