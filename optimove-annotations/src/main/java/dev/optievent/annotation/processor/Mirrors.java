package dev.optievent.annotation.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reading our annotations from elements as mirrors, so that messages can point at them. */
final class Mirrors {
  static final String OPTIMOVE_EVENT = "dev.optievent.annotation.OptimoveEvent";
  static final String EVENT_PARAM = "dev.optievent.annotation.EventParam";
  static final String EVENT_PARAMS = "dev.optievent.annotation.EventParams";
  static final String CUSTOMER_ID = "dev.optievent.annotation.CustomerId";
  static final String VISITOR_ID = "dev.optievent.annotation.VisitorId";

  private final Elements elements;
  private final Types types;

  Mirrors(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The annotation named {@code name} directly on {@code e}, or null. */
  static AnnotationMirror find(Element e, String name) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (nameOf(a).equals(name)) {
        return a;
      }
    }
    return null;
  }

  /**
   * Every {@code @EventParam} on {@code e}, written once or repeated (inside {@code @EventParams}).
   */
  List<AnnotationMirror> eventParams(Element e) {
    List<AnnotationMirror> out = new ArrayList<>();
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      String n = nameOf(a);
      if (n.equals(EVENT_PARAM)) {
        out.add(a);
      } else if (n.equals(EVENT_PARAMS)) {
        Object v = value(a, "value");
        if (v instanceof List) {
          for (Object item : (List<?>) v) {
            Object inner =
                item instanceof AnnotationValue ? ((AnnotationValue) item).getValue() : item;
            if (inner instanceof AnnotationMirror) {
              out.add((AnnotationMirror) inner);
            }
          }
        }
      }
    }
    return out;
  }

  /** A String attribute, with its default; "" if unreadable (the compiler then reports that). */
  String string(AnnotationMirror a, String attribute) {
    Object v = value(a, attribute);
    return v instanceof String ? (String) v : "";
  }

  private Object value(AnnotationMirror a, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(a).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue() == null ? null : e.getValue().getValue();
      }
    }
    return null;
  }

  static String nameOf(AnnotationMirror a) {
    Element e = a.getAnnotationType().asElement();
    return e instanceof TypeElement ? ((TypeElement) e).getQualifiedName().toString() : "";
  }

  /** The simple name of an annotation, for messages: {@code @EventParam("email")}. */
  String describe(AnnotationMirror a) {
    String simple = nameOf(a).substring(nameOf(a).lastIndexOf('.') + 1);
    if (nameOf(a).equals(EVENT_PARAM)) {
      return "@" + simple + "(\"" + string(a, "value") + "\")";
    }
    return "@" + simple;
  }

  /** {@code binary.Name.method(String, int)}, as the runtime names a method in its messages. */
  String describeMethod(ExecutableElement m) {
    StringBuilder sb = new StringBuilder();
    Element owner = m.getEnclosingElement();
    sb.append(owner instanceof TypeElement ? elements.getBinaryName((TypeElement) owner) : owner);
    if (m.getKind() == ElementKind.CONSTRUCTOR) {
      sb.append('(');
    } else {
      sb.append('.').append(m.getSimpleName()).append('(');
    }
    List<? extends VariableElement> ps = m.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(simpleTypeName(ps.get(i).asType()));
    }
    return sb.append(')').toString();
  }

  /** {@code binary.Name#method}, for the catalog's sources. */
  String source(ExecutableElement m) {
    Element owner = m.getEnclosingElement();
    String type =
        owner instanceof TypeElement
            ? elements.getBinaryName((TypeElement) owner).toString()
            : owner.toString();
    return type + "#" + m.getSimpleName();
  }

  private String simpleTypeName(TypeMirror t) {
    TypeMirror erased = types.erasure(t);
    if (erased.getKind() == TypeKind.DECLARED) {
      return types.asElement(erased).getSimpleName().toString();
    }
    if (erased.getKind() == TypeKind.ARRAY) {
      return simpleTypeName(((ArrayType) erased).getComponentType()) + "[]";
    }
    return erased.toString();
  }
}
