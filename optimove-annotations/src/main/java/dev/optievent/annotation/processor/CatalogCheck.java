package dev.optievent.annotation.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * Checks reported events against a catalog file ({@code -Aoptimove.catalog}) the way the runtime
 * would treat them: an event the catalog lacks would be rejected, a parameter it lacks dropped, a
 * value of another type rejected, and an event without a mandatory parameter rejected. All of those
 * fail the compilation here. Catalog entries no method reports are only noted: other modules may
 * report them.
 */
final class CatalogCheck {

  private final CatalogFile file;
  private final Messager messager;

  CatalogCheck(CatalogFile file, Messager messager) {
    this.file = file;
    this.messager = messager;
  }

  /** Checks one method's event. */
  void check(ReportedEvent reported) {
    CatalogFile.Event expected = file.events().get(reported.name());
    String where = reported.where() + ": ";
    if (expected == null) {
      String near = null;
      for (String n : file.events().keySet()) {
        if (n.equalsIgnoreCase(reported.name())) {
          near = n;
        }
      }
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          where
              + "event '"
              + reported.name()
              + "' is not in the catalog "
              + file.file()
              + " (names are case sensitive"
              + (near == null ? "" : "; the catalog has '" + near + "'")
              + "); fix the name, or add the"
              + " event to the catalog once Optimove has configured it",
          reported.method(),
          reported.mirror());
      return;
    }
    List<String> reportedNames = new ArrayList<>();
    for (ReportedEvent.Param p : reported.params()) {
      reportedNames.add(p.name());
      CatalogFile.Param agreed = expected.params().get(p.name());
      if (agreed == null) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            where
                + "parameter '"
                + p.name()
                + "' of event '"
                + reported.name()
                + "' is not in the catalog "
                + file.file()
                + " (names are case sensitive; the catalog lists "
                + listed(expected.params())
                + ");"
                + " fix the name, or add the parameter to the catalog once Optimove has configured it",
            p.element(),
            p.mirror());
        continue;
      }
      if (p.kind() != ValueTypes.Kind.DYNAMIC && p.kind() != agreed.type()) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            where
                + "parameter '"
                + p.name()
                + "' of event '"
                + reported.name()
                + "' is "
                + p.kind().jsonName()
                + " (from "
                + p.origin()
                + ") but the catalog "
                + file.file()
                + " says "
                + agreed.type().jsonName()
                + "; change the Java type (or the path) or the catalog so that they agree",
            p.element(),
            p.mirror());
      }
      if (agreed.mandatory() && !p.alwaysPresent()) {
        messager.printMessage(
            Diagnostic.Kind.WARNING,
            where
                + "parameter '"
                + p.name()
                + "' of event '"
                + reported.name()
                + "' is mandatory in the catalog "
                + file.file()
                + ", but "
                + p.origin()
                + " may be null or empty, and then the event is rejected; use a"
                + " primitive type or mark the value @NonNull if it can never be missing",
            p.element(),
            p.mirror());
      }
    }
    for (CatalogFile.Param agreed : expected.params().values()) {
      if (agreed.mandatory() && !reportedNames.contains(agreed.name())) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            where
                + "the catalog "
                + file.file()
                + " makes parameter '"
                + agreed.name()
                + "' of event '"
                + reported.name()
                + "' mandatory, but this method never reports it, so every event it sends would be"
                + " rejected; add @EventParam(\""
                + agreed.name()
                + "\") to the argument (or method)"
                + " that holds it",
            reported.method(),
            reported.mirror());
      }
    }
  }

  /** Notes the catalog's events and parameters that no method in this module reports. */
  void reportUnused(GeneratedCatalog catalog) {
    Map<String, GeneratedCatalog.Event> seen = catalog.events();
    for (CatalogFile.Event e : file.events().values()) {
      GeneratedCatalog.Event reported = seen.get(e.name());
      if (reported == null) {
        messager.printMessage(
            Diagnostic.Kind.NOTE,
            "OptiEvent: event '"
                + e.name()
                + "' of the catalog "
                + file.file()
                + " is not reported by any @OptimoveEvent method"
                + " in this module");
        continue;
      }
      for (CatalogFile.Param p : e.params().values()) {
        if (!reported.params.containsKey(p.name())) {
          messager.printMessage(
              Diagnostic.Kind.NOTE,
              "OptiEvent: parameter '"
                  + p.name()
                  + "' of event '"
                  + e.name()
                  + "' in the catalog "
                  + file.file()
                  + " is never"
                  + " reported by this module (reported by "
                  + String.join(", ", reported.sources)
                  + ")");
        }
      }
    }
  }

  private static String listed(Map<String, CatalogFile.Param> params) {
    return params.isEmpty() ? "no parameters" : GeneratedCatalog.quoted(params.keySet());
  }
}
