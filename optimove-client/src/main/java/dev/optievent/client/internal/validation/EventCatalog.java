package dev.optievent.client.internal.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optievent.client.OptimoveConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The events and parameters agreed with Optimove (the vendor's "Events &amp; Parameter request"),
 * loaded from JSON:
 *
 * <pre>{@code
 * {"events": [
 *   {"name": "newsletter_signup",
 *    "parameters": [
 *      {"name": "email",  "type": "text",    "mandatory": true},
 *      {"name": "opt_in", "type": "boolean"}]}]}
 * }</pre>
 *
 * Types are {@code text}, {@code number} and {@code boolean}; {@code mandatory} defaults to false.
 * The same format is written by the annotation processor. Internal.
 */
final class EventCatalog {

  /** An Optimove parameter type. */
  public enum Type {
    TEXT,
    NUMBER,
    BOOLEAN;

    /**
     * @return the type's name in the catalog file
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return whether {@code value} (a String, Number or Boolean) is of this type
     */
    public boolean accepts(Object value) {
      switch (this) {
        case TEXT:
          return value instanceof String;
        case NUMBER:
          return value instanceof Number;
        default:
          return value instanceof Boolean;
      }
    }

    /**
     * @return the type of a mapped value
     */
    public static Type of(Object value) {
      return value instanceof Boolean ? BOOLEAN : value instanceof Number ? NUMBER : TEXT;
    }
  }

  /** A parameter of an event. */
  public record Parameter(String name, Type type, boolean mandatory) {}

  /** An event and its parameters by name. */
  public record EventDefinition(String name, Map<String, Parameter> parameters) {}

  private final Map<String, EventDefinition> events;

  private EventCatalog(Map<String, EventDefinition> events) {
    this.events = Collections.unmodifiableMap(events);
  }

  /**
   * @return the event named {@code key} (case sensitive), or {@code null}
   */
  public EventDefinition event(String key) {
    return events.get(key);
  }

  /**
   * @return every event by name
   */
  public Map<String, EventDefinition> events() {
    return events;
  }

  /**
   * Loads and checks a catalog file.
   *
   * @param file the JSON file
   * @return the catalog
   * @throws OptimoveConfigException naming the file, the place and what is wrong
   */
  public static EventCatalog load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new OptimoveConfigException(
          "catalog (OPTIMOVE_CATALOG) "
              + file
              + " is not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new OptimoveConfigException(
          "catalog (OPTIMOVE_CATALOG) " + file + " cannot be read: " + e.getMessage(), e);
    }
    return parse(root, file.toString());
  }

  /**
   * Checks a parsed catalog document.
   *
   * @param root the JSON document
   * @param source names the document in messages
   * @return the catalog
   * @throws OptimoveConfigException naming what is wrong and where
   */
  public static EventCatalog parse(JsonNode root, String source) {
    String where = "catalog (OPTIMOVE_CATALOG) " + source;
    if (root == null || !root.isObject() || !root.path("events").isArray()) {
      throw new OptimoveConfigException(
          where
              + " must be a JSON object with an \"events\" array, e.g. {\"events\":[{\"name\":\"signup\","
              + "\"parameters\":[{\"name\":\"email\",\"type\":\"text\",\"mandatory\":true}]}]}");
    }
    Map<String, EventDefinition> events = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode e : root.get("events")) {
      String at = where + ": events[" + i++ + "]";
      String name = text(e, "name", at);
      if (events.containsKey(name)) {
        throw new OptimoveConfigException(at + ": event '" + name + "' is listed twice");
      }
      Map<String, Parameter> params = new LinkedHashMap<>();
      JsonNode list = e.path("parameters");
      if (!list.isMissingNode() && !list.isArray()) {
        throw new OptimoveConfigException(at + " (" + name + "): \"parameters\" must be an array");
      }
      int j = 0;
      for (JsonNode p : list) {
        String pat = at + ".parameters[" + j++ + "]";
        String pname = text(p, "name", pat);
        String type = text(p, "type", pat + " (" + pname + ")");
        Type t;
        try {
          t = Type.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
          throw new OptimoveConfigException(
              pat + " (" + pname + "): type '" + type + "' is not one of text, number, boolean");
        }
        JsonNode mandatory = p.path("mandatory");
        if (!mandatory.isMissingNode() && !mandatory.isBoolean()) {
          throw new OptimoveConfigException(
              pat + " (" + pname + "): \"mandatory\" must be true or false");
        }
        if (params.put(pname, new Parameter(pname, t, mandatory.asBoolean(false))) != null) {
          throw new OptimoveConfigException(pat + ": parameter '" + pname + "' is listed twice");
        }
      }
      for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!field.equals("name")
            && !field.equals("parameters")
            && !field.equals("description")
            && !field.equals("sources")) {
          throw new OptimoveConfigException(
              at
                  + " ("
                  + name
                  + "): unknown field \""
                  + field
                  + "\" (allowed: name, parameters, description, sources)");
        }
      }
      events.put(name, new EventDefinition(name, Collections.unmodifiableMap(params)));
    }
    return new EventCatalog(events);
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new OptimoveConfigException(
          at + ": \"" + field + "\" is missing or not a non-blank string");
    }
    return v.asText();
  }
}
