package dev.optievent.annotation.processor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Element;

/**
 * Every event reported in the module, merged over the methods that report it, and written as the
 * runtime's catalog JSON and as a Markdown table for the vendor's "Events &amp; Parameter request".
 */
final class GeneratedCatalog {

  /** One parameter of an event, merged over the event's methods. */
  static final class Param {
    final String name;
    ValueTypes.Kind kind;
    boolean mandatory;

    /** The method that first reported it, for messages. */
    final String source;

    Param(String name, ValueTypes.Kind kind, boolean mandatory, String source) {
      this.name = name;
      this.kind = kind;
      this.mandatory = mandatory;
      this.source = source;
    }
  }

  /** One event, merged over its methods. */
  static final class Event {
    final String name;
    final Map<String, Param> params = new LinkedHashMap<>();
    final Set<String> sources = new LinkedHashSet<>();
    int methods;

    Event(String name) {
      this.name = name;
    }
  }

  /** A parameter that two methods of one event report with different types. */
  record Conflict(ReportedEvent.Param param, Param earlier) {}

  private final Map<String, Event> events = new TreeMap<>();
  private final Set<Element> origins = new LinkedHashSet<>();

  /**
   * Adds what one method reports.
   *
   * @return the parameters whose type differs from what another method of the event reports
   */
  List<Conflict> add(ReportedEvent reported) {
    List<Conflict> conflicts = new ArrayList<>();
    Event e = events.computeIfAbsent(reported.name(), Event::new);
    Set<String> here = new LinkedHashSet<>();
    for (ReportedEvent.Param p : reported.params()) {
      here.add(p.name());
      Param existing = e.params.get(p.name());
      if (existing == null) {
        // A parameter that earlier methods of this event did not report is not always present.
        e.params.put(
            p.name(),
            new Param(p.name(), p.kind(), e.methods == 0 && p.alwaysPresent(), reported.source()));
        continue;
      }
      if (existing.kind == ValueTypes.Kind.DYNAMIC) {
        existing.kind = p.kind();
      } else if (p.kind() != ValueTypes.Kind.DYNAMIC && p.kind() != existing.kind) {
        conflicts.add(new Conflict(p, existing));
      }
      existing.mandatory &= p.alwaysPresent();
    }
    for (Param p : e.params.values()) {
      if (!here.contains(p.name)) {
        p.mandatory = false;
      }
    }
    e.methods++;
    e.sources.add(reported.source());
    Element owner = reported.method().getEnclosingElement();
    origins.add(owner == null ? reported.method() : owner);
    return conflicts;
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  Map<String, Event> events() {
    return events;
  }

  /** The classes the catalog was made from (the Filer's originating elements). */
  Element[] origins() {
    return origins.toArray(new Element[0]);
  }

  /** The catalog in the runtime's format ({@code OPTIMOVE_CATALOG}, {@code -Aoptimove.catalog}). */
  String toJson() {
    StringBuilder sb = new StringBuilder("{\n  \"events\": [");
    String eventSep = "\n";
    for (Event e : events.values()) {
      sb.append(eventSep).append("    {\n      \"name\": ").append(json(e.name)).append(",\n");
      sb.append("      \"parameters\": [");
      String sep = "\n";
      List<String> dynamic = new ArrayList<>();
      for (Param p : e.params.values()) {
        if (p.kind == ValueTypes.Kind.DYNAMIC) {
          dynamic.add(p.name);
          continue;
        }
        sb.append(sep)
            .append("        {\"name\": ")
            .append(json(p.name))
            .append(", \"type\": ")
            .append(json(p.kind.jsonName()))
            .append(", \"mandatory\": ")
            .append(p.mandatory)
            .append('}');
        sep = ",\n";
      }
      sb.append(sep.equals("\n") ? "]" : "\n      ]");
      if (!dynamic.isEmpty()) {
        sb.append(",\n      \"description\": ")
            .append(
                json(
                    "Also reported, with a type known"
                        + " only per value at run time (not listed; add by hand): "
                        + String.join(", ", dynamic)));
      }
      sb.append(",\n      \"sources\": [");
      String ssep = "";
      for (String s : e.sources) {
        sb.append(ssep).append(json(s));
        ssep = ", ";
      }
      sb.append("]\n    }");
      eventSep = ",\n";
    }
    sb.append(events.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    return sb.toString();
  }

  /** The same catalog as a Markdown table an integrator can send to Optimove. */
  String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Optimove events and parameters\n\n");
    sb.append(
        "Events & Parameter request for Optimove's Product Integration Team, generated from"
            + " the code by the OptiEvent annotation processor. Names are case sensitive. \"Always"
            + " present\" says whether every reported event carries the parameter.\n\n");
    sb.append("| Event name | Parameter name | Parameter type | Always present |\n");
    sb.append("|---|---|---|---|\n");
    for (Event e : events.values()) {
      if (e.params.isEmpty()) {
        sb.append("| ").append(code(e.name)).append(" | (none) | | |\n");
      }
      for (Param p : e.params.values()) {
        sb.append("| ")
            .append(code(e.name))
            .append(" | ")
            .append(code(p.name))
            .append(" | ")
            .append(
                p.kind == ValueTypes.Kind.DYNAMIC
                    ? "decided per value (state it by hand)"
                    : p.kind.jsonName())
            .append(" | ")
            .append(p.mandatory ? "yes" : "no")
            .append(" |\n");
      }
    }
    sb.append("\nReported by:\n\n");
    for (Event e : events.values()) {
      sb.append("- ").append(code(e.name)).append(":");
      String sep = " ";
      for (String s : e.sources) {
        sb.append(sep).append(code(s));
        sep = ", ";
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A JSON string literal. */
  static String json(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * A Markdown code span that shows {@code s} literally inside a table cell: a backtick fence
   * longer than any backtick run in it, {@code |} escaped for the table, line breaks as spaces.
   */
  static String code(String s) {
    String flat = s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace("|", "\\|");
    int longest = 0;
    int run = 0;
    for (int i = 0; i < flat.length(); i++) {
      run = flat.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad =
        flat.startsWith("`")
            || flat.endsWith("`")
            || (flat.startsWith(" ") && flat.endsWith(" ") && !flat.isBlank());
    return fence + (pad ? " " : "") + flat + (pad ? " " : "") + fence;
  }

  /** Names for messages: {@code 'a', 'b'}. */
  static String quoted(Collection<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(n).append('\'');
    }
    return sb.toString();
  }
}
