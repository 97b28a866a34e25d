package dev.optievent.annotation.processor;

import dev.optievent.annotation.processor.ValueTypes.Kind;
import dev.optievent.annotation.processor.ValueTypes.PathResult;
import dev.optievent.annotation.processor.ValueTypes.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Checks one {@code @OptimoveEvent} method the way the aspect builds its plan at run time, and says
 * what to change for every problem, at the annotation that causes it.
 */
final class EventChecker {

  private final Messager messager;
  private final Mirrors mirrors;
  private final ValueTypes valueTypes;

  EventChecker(Messager messager, Mirrors mirrors, ValueTypes valueTypes) {
    this.messager = messager;
    this.mirrors = mirrors;
    this.valueTypes = valueTypes;
  }

  /**
   * Checks {@code method} and returns what it reports, or {@code null} if its event key is blank.
   * Parameters with problems are reported and left out of the result.
   */
  ReportedEvent check(ExecutableElement method) {
    return new MethodCheck(method).run();
  }

  /**
   * Reports an {@code @EventParam}, {@code @CustomerId} or {@code @VisitorId} on an argument or
   * method that has no {@code @OptimoveEvent}: nothing would read it.
   */
  void checkStray(Element element) {
    boolean onMethod = element.getKind() == ElementKind.METHOD;
    Element owner = onMethod ? element : element.getEnclosingElement();
    if (owner.getKind() == ElementKind.METHOD
        && Mirrors.find(owner, Mirrors.OPTIMOVE_EVENT) != null) {
      return;
    }
    List<AnnotationMirror> found = new ArrayList<>(mirrors.eventParams(element));
    if (!onMethod) {
      for (String n : List.of(Mirrors.CUSTOMER_ID, Mirrors.VISITOR_ID)) {
        AnnotationMirror a = Mirrors.find(element, n);
        if (a != null) {
          found.add(a);
        }
      }
    }
    for (AnnotationMirror a : found) {
      String what =
          mirrors.describe(a) + (onMethod ? "" : " on argument '" + element.getSimpleName() + "'");
      String msg;
      if (owner instanceof ExecutableElement && owner.getKind() == ElementKind.CONSTRUCTOR) {
        msg =
            what
                + " of constructor "
                + mirrors.describeMethod((ExecutableElement) owner)
                + " has no effect: only methods annotated with @OptimoveEvent report events. Move it to"
                + " an argument of an @OptimoveEvent method, or remove it.";
      } else if (owner instanceof ExecutableElement) {
        msg =
            what
                + " of method "
                + mirrors.describeMethod((ExecutableElement) owner)
                + " has no effect: the method has no @OptimoveEvent. Add @OptimoveEvent(name = \"...\")"
                + " to the method, or remove "
                + mirrors.describe(a)
                + ".";
      } else {
        msg =
            what
                + " has no effect here: only arguments of methods annotated with @OptimoveEvent"
                + " are read. Move it to such a method, or remove it.";
      }
      messager.printMessage(Diagnostic.Kind.ERROR, msg, element, a);
    }
  }

  /** The state of checking one method. */
  private final class MethodCheck {
    private final ExecutableElement method;
    private final String where;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<ReportedEvent.Param> params = new ArrayList<>();
    private final List<ValueTypes.ReadMember> reads = new ArrayList<>();

    MethodCheck(ExecutableElement method) {
      this.method = method;
      this.where = "@OptimoveEvent method " + mirrors.describeMethod(method);
    }

    ReportedEvent run() {
      AnnotationMirror event = Mirrors.find(method, Mirrors.OPTIMOVE_EVENT);
      String key = mirrors.string(event, "name");
      if (key.isBlank()) {
        error(
            method,
            event,
            "@OptimoveEvent(name) is blank; set it to the event key configured"
                + " with Optimove, e.g. @OptimoveEvent(name = \"newsletter_signup\")");
      }
      checkCanBeWoven(event);
      if (valueTypes.isUndecoratablePublisher(method.getReturnType())) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            where
                + " returns "
                + method.getReturnType()
                + ", a Publisher whose completion cannot be awaited: its event would be sent"
                + " before its work runs. Return a Mono, a Flux, a Publisher or a CompletionStage"
                + " (convert with Flux.from or Mono.from).",
            method,
            event);
      }

      String customer = null;
      String visitor = null;
      for (VariableElement p : method.getParameters()) {
        String origin = "argument '" + p.getSimpleName() + "'";
        TypeMirror type = p.asType();
        boolean present = type.getKind().isPrimitive() || ValueTypes.isNonNull(p, type);
        for (AnnotationMirror a : mirrors.eventParams(p)) {
          param(a, type, present, origin, p);
        }
        AnnotationMirror c = Mirrors.find(p, Mirrors.CUSTOMER_ID);
        if (c != null) {
          if (customer != null) {
            error(
                p,
                c,
                "more than one @CustomerId ("
                    + customer
                    + " and "
                    + origin
                    + "); keep one: an event identifies one customer");
          } else {
            customer = origin;
            identity("@CustomerId", c, type, present, origin, p);
          }
        }
        AnnotationMirror v = Mirrors.find(p, Mirrors.VISITOR_ID);
        if (v != null) {
          if (visitor != null) {
            error(
                p,
                v,
                "more than one @VisitorId ("
                    + visitor
                    + " and "
                    + origin
                    + "); keep one: an event identifies one visitor");
          } else {
            visitor = origin;
            identity("@VisitorId", v, type, present, origin, p);
          }
        }
      }

      List<AnnotationMirror> onMethod = mirrors.eventParams(method);
      if (!onMethod.isEmpty()) {
        TypeMirror returned = method.getReturnType();
        TypeMirror stageValue = valueTypes.stageValueType(returned);
        if (stageValue == null) {
          stageValue = valueTypes.monoValueType(returned);
        }
        TypeMirror value = stageValue != null ? stageValue : returned;
        if (valueTypes.isValuelessPublisher(returned)) {
          for (AnnotationMirror a : onMethod) {
            error(
                method,
                a,
                mirrors.describe(a)
                    + " on the method takes the return value, but a "
                    + returned
                    + " completes with no single value; put @EventParam on an argument instead,"
                    + " or return a Mono");
          }
        } else if (valueTypes.isNothing(value)) {
          for (AnnotationMirror a : onMethod) {
            error(
                method,
                a,
                mirrors.describe(a)
                    + " on the method takes the return value, but the"
                    + " method returns nothing ("
                    + returned
                    + "); put @EventParam on an argument"
                    + " instead, or return the value");
          }
        } else {
          boolean present =
              stageValue == null
                  ? returned.getKind().isPrimitive() || ValueTypes.isNonNull(method, returned)
                  : ValueTypes.isNonNull(stageValue);
          String origin =
              stageValue == null
                  ? "the return value"
                  : "the value the returned type completes with";
          for (AnnotationMirror a : onMethod) {
            param(a, value, present, origin, method);
          }
        }
      }
      return key.isBlank()
          ? null
          : new ReportedEvent(
              key,
              mirrors.source(method),
              where,
              method,
              event,
              List.copyOf(params),
              List.copyOf(reads));
    }

    /** The aspect's pointcut matches the execution of the annotated method itself. */
    private void checkCanBeWoven(AnnotationMirror event) {
      Set<Modifier> mods = method.getModifiers();
      ElementKind owner = method.getEnclosingElement().getKind();
      if (mods.contains(Modifier.ABSTRACT)) {
        String on =
            owner == ElementKind.INTERFACE || owner == ElementKind.ANNOTATION_TYPE
                ? "an interface method without a body"
                : "abstract";
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            where
                + " is "
                + on
                + ", so it would never"
                + " report: the aspect runs where the annotated method's own body runs, and"
                + " implementations do not inherit method annotations. Put @OptimoveEvent (with its"
                + " @EventParam, @CustomerId and @VisitorId) on the implementing method instead.",
            method,
            event);
      } else if (mods.contains(Modifier.NATIVE)) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            where
                + " is native, so it would never"
                + " report: there is no Java body to weave. Put @OptimoveEvent on the Java method that"
                + " calls it instead.",
            method,
            event);
      }
    }

    private void param(
        AnnotationMirror a, TypeMirror type, boolean present, String origin, Element element) {
      String name = mirrors.string(a, "value");
      String path = mirrors.string(a, "path");
      if (name.isBlank()) {
        error(
            element,
            a,
            "an @EventParam name is blank (on "
                + origin
                + "); set it to the"
                + " parameter name configured with Optimove, e.g. @EventParam(\"email\")");
        return;
      }
      String pathNote = path.isEmpty() ? "" : " (path '" + path + "')";
      String previous = names.putIfAbsent(name, origin + pathNote);
      if (previous != null) {
        error(
            element,
            a,
            "parameter '"
                + name
                + "' is declared twice (on "
                + previous
                + " and on "
                + origin
                + pathNote
                + "); each parameter name may appear once in an event: rename or"
                + " remove one");
        return;
      }
      Value value = value(type, present, path, "parameter '" + name + "' on " + origin, element, a);
      if (value == null) {
        return;
      }
      String what = "parameter '" + name + "' reads " + value.type() + " from " + origin + pathNote;
      switch (value.kind()) {
        case UNKNOWN:
          return;
        case UNSUPPORTED:
          error(
              element,
              a,
              what
                  + ", which cannot be sent as text, number or boolean; "
                  + advice(
                      value.type(), path, "@EventParam(value = \"" + name + "\", path = \"%s\")"));
          return;
        case DYNAMIC:
          messager.printMessage(
              Diagnostic.Kind.WARNING,
              where
                  + ": "
                  + what
                  + ": whether it is"
                  + " text, number or boolean is only known per value at run time, so the generated"
                  + " catalog cannot state its type and leaves it out of events.json. Declare a String,"
                  + " number or boolean type, or point path at such a property.",
              element,
              a);
          break;
        default:
          break;
      }
      params.add(
          new ReportedEvent.Param(
              name, value.kind(), value.alwaysPresent(), origin + pathNote, element, a));
    }

    private void identity(
        String which,
        AnnotationMirror a,
        TypeMirror type,
        boolean present,
        String origin,
        Element element) {
      String path = mirrors.string(a, "path");
      Value value = value(type, present, path, which + " on " + origin, element, a);
      if (value == null) {
        return;
      }
      String what =
          which
              + " reads "
              + value.type()
              + " from "
              + origin
              + (path.isEmpty() ? "" : " (path '" + path + "')");
      if (value.kind() == Kind.BOOLEAN) {
        error(
            element,
            a,
            which
                + " reads a boolean from "
                + origin
                + (path.isEmpty() ? "" : " (path '" + path + "')")
                + "; an ID must be text or a"
                + " number: put "
                + which
                + " on the argument (or point path at the property) that"
                + " holds the ID");
      } else if (value.kind() == Kind.UNSUPPORTED) {
        error(
            element,
            a,
            what
                + ", which is not text or a number; "
                + advice(value.type(), path, which + "(path = \"%s\")"));
      }
    }

    /** The value at the end of the path, or null after reporting why there is none. */
    private Value value(
        TypeMirror type,
        boolean present,
        String path,
        String what,
        Element element,
        AnnotationMirror a) {
      if (path.isEmpty()) {
        return valueTypes.classify(type, present);
      }
      PathResult r = valueTypes.resolve(type, present, path);
      if (r.problem() != null) {
        error(element, a, what + ": " + r.problem() + "; fix the path");
        return null;
      }
      reads.addAll(r.members());
      return r.value();
    }

    /** What to write instead of an unmappable type: a path to one of its mappable properties. */
    private String advice(TypeMirror type, String path, String example) {
      if (type.getKind() != TypeKind.DECLARED) {
        return "declare a text (String, enum, UUID, date-time), number or boolean type instead";
      }
      List<String> props = valueTypes.properties((DeclaredType) type, true);
      String prefix = path.isEmpty() ? "" : path + ".";
      String add = path.isEmpty() ? "add a path to" : "extend the path to";
      if (!props.isEmpty()) {
        return add
            + " one of its properties, e.g. "
            + String.format(example, prefix + props.get(0))
            + " (properties that map: "
            + String.join(", ", props)
            + ")";
      }
      List<String> all = valueTypes.properties((DeclaredType) type, false);
      if (all.isEmpty()) {
        return "declare a text (String, enum, UUID, date-time), number or boolean type instead";
      }
      return add
          + " a property that maps to text, number or boolean, e.g. "
          + String.format(example, prefix + all.get(0) + ".<property>")
          + " (its properties are "
          + String.join(", ", all)
          + ")";
    }

    private void error(Element element, AnnotationMirror a, String message) {
      messager.printMessage(Diagnostic.Kind.ERROR, where + ": " + message, element, a);
    }
  }
}
