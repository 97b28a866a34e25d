package dev.optievent.client.internal.validation;

import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import java.util.Locale;

/**
 * The vendor's identity rules: exactly one of customer and visitor is sent (the customer when both
 * are known); an ID is trimmed and must not be empty, {@code null}, {@code undefined} or {@code
 * none} (any case), nor longer than 200 characters. With no ID at all the event is dropped as
 * {@code no_identity}. Internal.
 */
final class IdentityRule implements EventValidator {

  /** The vendor SDKs' limit on a user ID's length. */
  public static final int MAX_ID_LENGTH = 200;

  @Override
  public ValidationResult check(Event event) {
    String customer = event.customerId();
    String visitor = event.visitorId();
    if (customer == null && visitor == null) {
      return ValidationResult.drop(
          event,
          Reasons.NO_IDENTITY,
          "event '" + event.eventKey() + "' has neither a customer ID nor a visitor ID");
    }
    boolean isCustomer = customer != null;
    String raw = isCustomer ? customer : visitor;
    String id = raw.trim();
    String problem = problemWith(id);
    if (problem != null) {
      String kind = isCustomer ? "customer" : "visitor";
      return ValidationResult.reject(
          event,
          isCustomer ? Reasons.INVALID_CUSTOMER_ID : Reasons.INVALID_VISITOR_ID,
          "event '" + event.eventKey() + "': the " + kind + " ID " + problem);
    }
    if (isCustomer) {
      if (visitor == null && id.equals(customer)) {
        return ValidationResult.unchanged();
      }
      return ValidationResult.send(
          new Event(event.eventKey(), id, null, event.timestamp(), event.context()));
    }
    if (id.equals(visitor)) {
      return ValidationResult.unchanged();
    }
    return ValidationResult.send(
        new Event(event.eventKey(), null, id, event.timestamp(), event.context()));
  }

  @Override
  public boolean passesUnchanged(
      String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
    // Exactly one ID, already trimmed, and valid: what check answers unchanged for.
    String id = customerId != null ? customerId : visitorId;
    return id != null
        && (customerId == null || visitorId == null)
        && id.trim().equals(id)
        && problemWith(id) == null;
  }

  private static String problemWith(String id) {
    if (id.isEmpty()) {
      return "is blank";
    }
    // equalsIgnoreCase rather than toLowerCase: no copy of the ID on the calling thread.
    if (id.equalsIgnoreCase("null")
        || id.equalsIgnoreCase("undefined")
        || id.equalsIgnoreCase("none")) {
      return "is the placeholder '" + id.toLowerCase(Locale.ROOT) + "', not a real ID";
    }
    if (id.length() > MAX_ID_LENGTH) {
      return "is " + id.length() + " characters long; the most allowed is " + MAX_ID_LENGTH;
    }
    return null;
  }
}
