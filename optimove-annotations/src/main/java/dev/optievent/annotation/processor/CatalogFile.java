package dev.optievent.annotation.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A catalog file given with {@code -Aoptimove.catalog}: the events and parameters agreed with
 * Optimove. Same format and same rules as the runtime's {@code EventCatalog}:
 *
 * <pre>{@code
 * {"events": [
 *   {"name": "newsletter_signup",
 *    "parameters": [
 *      {"name": "email",  "type": "text",    "mandatory": true},
 *      {"name": "opt_in", "type": "boolean"}]}]}
 * }</pre>
 */
final class CatalogFile {

  /** A catalog parameter; {@code type} is text, number or boolean. */
  record Param(String name, ValueTypes.Kind type, boolean mandatory) {}

  /** A catalog event and its parameters by name. */
  record Event(String name, Map<String, Param> params) {}

  /** The file cannot be read or breaks the format. */
  static final class CatalogException extends Exception {
    private static final long serialVersionUID = 1L;

    CatalogException(String message) {
      super(message);
    }
  }

  private static final Set<String> EVENT_FIELDS =
      Set.of("name", "parameters", "description", "sources");

  private final Path file;
  private final Map<String, Event> events;

  private CatalogFile(Path file, Map<String, Event> events) {
    this.file = file;
    this.events = Collections.unmodifiableMap(events);
  }

  Path file() {
    return file;
  }

  /** Events by name, in file order. */
  Map<String, Event> events() {
    return events;
  }

  /** Reads and checks {@code file}. */
  static CatalogFile load(Path file) throws CatalogException {
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CatalogException(file + " cannot be read: " + e);
    }
    return parse(file, text);
  }

  /** Checks a catalog document. */
  static CatalogFile parse(Path file, String text) throws CatalogException {
    Object root;
    try {
      root = JsonReader.parse(text);
    } catch (JsonReader.JsonException e) {
      throw new CatalogException(file + " is not valid JSON: " + e.getMessage());
    }
    String where = file.toString();
    if (!(root instanceof Map) || !(((Map<?, ?>) root).get("events") instanceof List)) {
      throw new CatalogException(
          where
              + " must be a JSON object with an \"events\" array, e.g."
              + " {\"events\":[{\"name\":\"signup\",\"parameters\":[{\"name\":\"email\",\"type\":\"text\","
              + "\"mandatory\":true}]}]}");
    }
    Map<String, Event> events = new LinkedHashMap<>();
    int i = 0;
    for (Object e : (List<?>) ((Map<?, ?>) root).get("events")) {
      String at = where + ": events[" + i++ + "]";
      if (!(e instanceof Map)) {
        throw new CatalogException(at + " must be an object");
      }
      Map<?, ?> event = (Map<?, ?>) e;
      String name = text(event, "name", at);
      if (events.containsKey(name)) {
        throw new CatalogException(at + ": event '" + name + "' is listed twice");
      }
      for (Object field : event.keySet()) {
        if (!EVENT_FIELDS.contains(field)) {
          throw new CatalogException(
              at
                  + " ("
                  + name
                  + "): unknown field \""
                  + field
                  + "\" (allowed: name, parameters, description, sources)");
        }
      }
      Object list = event.containsKey("parameters") ? event.get("parameters") : List.of();
      if (!(list instanceof List)) {
        throw new CatalogException(at + " (" + name + "): \"parameters\" must be an array");
      }
      Map<String, Param> params = new LinkedHashMap<>();
      int j = 0;
      for (Object p : (List<?>) list) {
        String pat = at + ".parameters[" + j++ + "]";
        if (!(p instanceof Map)) {
          throw new CatalogException(pat + " must be an object");
        }
        Map<?, ?> param = (Map<?, ?>) p;
        String pname = text(param, "name", pat);
        String type = text(param, "type", pat + " (" + pname + ")");
        ValueTypes.Kind kind;
        switch (type.toLowerCase(Locale.ROOT)) {
          case "text":
            kind = ValueTypes.Kind.TEXT;
            break;
          case "number":
            kind = ValueTypes.Kind.NUMBER;
            break;
          case "boolean":
            kind = ValueTypes.Kind.BOOLEAN;
            break;
          default:
            throw new CatalogException(
                pat + " (" + pname + "): type '" + type + "' is not one of text, number, boolean");
        }
        Object mandatory = param.containsKey("mandatory") ? param.get("mandatory") : Boolean.FALSE;
        if (!(mandatory instanceof Boolean)) {
          throw new CatalogException(pat + " (" + pname + "): \"mandatory\" must be true or false");
        }
        if (params.put(pname, new Param(pname, kind, (Boolean) mandatory)) != null) {
          throw new CatalogException(pat + ": parameter '" + pname + "' is listed twice");
        }
      }
      events.put(name, new Event(name, Collections.unmodifiableMap(params)));
    }
    return new CatalogFile(file, events);
  }

  private static String text(Map<?, ?> node, String field, String at) throws CatalogException {
    Object v = node.get(field);
    if (!(v instanceof String) || ((String) v).isBlank()) {
      throw new CatalogException(at + ": \"" + field + "\" is missing or not a non-blank string");
    }
    return (String) v;
  }
}
