package dev.optievent.client.internal.validation;

import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.OnceLogger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Checks events against the catalog agreed with Optimove: an unknown event is rejected ({@code
 * unknown_event}); a parameter the catalog lacks is left out with a warning; a value of the wrong
 * type ({@code wrong_parameter_type}) or a missing mandatory parameter ({@code
 * missing_mandatory_parameter}) rejects the event. Internal.
 */
final class CatalogRule implements EventValidator {
  private static final OnceLogger WARNINGS =
      new OnceLogger(LoggerFactory.getLogger("dev.optievent.client.catalog"));

  private final EventCatalog catalog;

  /**
   * @param catalog the agreed events and parameters
   */
  public CatalogRule(EventCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public boolean passesUnchanged(
      String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
    // Every parameter known and of its type, every mandatory one present: check sends it as is.
    EventCatalog.EventDefinition definition = catalog.event(eventKey);
    if (definition == null) {
      return false;
    }
    Map<String, EventCatalog.Parameter> params = definition.parameters();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        EventCatalog.Parameter p = params.get(names[i]);
        if (p == null || !p.type().accepts(values[i])) {
          return false;
        }
      }
    }
    for (EventCatalog.Parameter p : params.values()) {
      if (p.mandatory() && !present(p.name(), names, values)) {
        return false;
      }
    }
    return true;
  }

  private static boolean present(String name, String[] names, Object[] values) {
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null && name.equals(names[i])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ValidationResult check(Event event) {
    String key = event.eventKey();
    EventCatalog.EventDefinition definition = catalog.event(key);
    if (definition == null) {
      return ValidationResult.reject(
          event,
          Reasons.UNKNOWN_EVENT,
          "event '" + key + "' is not in the event catalog (names are case sensitive)");
    }
    Map<String, EventCatalog.Parameter> params = definition.parameters();
    Map<String, Object> kept = null;
    for (Map.Entry<String, Object> e : event.context().entrySet()) {
      EventCatalog.Parameter p = params.get(e.getKey());
      if (p == null) {
        WARNINGS.warn(
            key,
            e.getKey(),
            "Optimove event '{}': parameter" + " '{}' is not in the event catalog and is left out",
            key,
            e.getKey());
        if (kept == null) {
          kept = new LinkedHashMap<>(event.context());
        }
        kept.remove(e.getKey());
      } else if (!p.type().accepts(e.getValue())) {
        return ValidationResult.reject(
            event,
            Reasons.WRONG_PARAMETER_TYPE,
            "event '"
                + key
                + "', parameter '"
                + e.getKey()
                + "': the catalog says "
                + p.type().jsonName()
                + " but the value is "
                + EventCatalog.Type.of(e.getValue()).jsonName());
      }
    }
    for (EventCatalog.Parameter p : params.values()) {
      if (p.mandatory() && !event.context().containsKey(p.name())) {
        return ValidationResult.reject(
            event,
            Reasons.MISSING_MANDATORY_PARAMETER,
            "event '" + key + "': mandatory parameter '" + p.name() + "' is missing");
      }
    }
    return ValidationResult.send(
        kept == null
            ? event
            : new Event(
                event.eventKey(), event.customerId(), event.visitorId(), event.timestamp(), kept));
  }
}
