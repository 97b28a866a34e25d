package dev.optievent.annotation.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What a native image (GraalVM) must be able to reflect on for the module's {@code @OptimoveEvent}
 * methods once they are woven, written as {@code reachability-metadata.json}: ajc's static
 * initializers load each join point's declaring, parameter, return and exception types by name
 * (AspectJ quietly puts {@code ClassNotFoundException} in a type it cannot load), the aspect looks
 * the method up by its signature and reads its annotations, and the plan reads each path's
 * accessors. Proxies need no part of it (the Spring starter's AOT hints cover them).
 */
final class NativeMetadata {
  /** Per type: its methods (name and parameter types) and fields. */
  private static final class Entry {
    final TreeSet<String> methods = new TreeSet<>();
    final TreeSet<String> fields = new TreeSet<>();
  }

  private final Types types;
  private final Elements elements;
  private final Map<String, Entry> entries = new TreeMap<>();

  NativeMetadata(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /** Adds what one reported method needs. */
  void add(ReportedEvent reported) {
    ExecutableElement method = reported.method();
    String owner = elements.getBinaryName((TypeElement) method.getEnclosingElement()).toString();
    List<String> parameters = new ArrayList<>();
    for (var p : method.getParameters()) {
      String name = name(p.asType());
      parameters.add(GeneratedCatalog.json(name));
      loadable(p.asType());
    }
    entry(owner).methods.add(method(method.getSimpleName().toString(), parameters));
    loadable(method.getReturnType());
    for (TypeMirror thrown : method.getThrownTypes()) {
      loadable(thrown);
    }
    for (ValueTypes.ReadMember m : reported.reads()) {
      Entry e = entry(m.owner());
      if (m.field()) {
        e.fields.add("{\"name\": " + GeneratedCatalog.json(m.name()) + "}");
      } else {
        e.methods.add(method(m.name(), List.of()));
      }
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The metadata, in GraalVM's {@code reachability-metadata.json} format, sorted. */
  String toJson() {
    StringBuilder sb = new StringBuilder("{\n  \"reflection\": [");
    String sep = "\n";
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      sb.append(sep).append("    {\"type\": ").append(GeneratedCatalog.json(e.getKey()));
      list(sb, "methods", e.getValue().methods);
      list(sb, "fields", e.getValue().fields);
      sb.append('}');
      sep = ",\n";
    }
    return sb.append("\n  ]\n}\n").toString();
  }

  private static void list(StringBuilder sb, String name, TreeSet<String> items) {
    if (!items.isEmpty()) {
      sb.append(", \"").append(name).append("\": [").append(String.join(", ", items)).append(']');
    }
  }

  private static String method(String name, List<String> parameterTypes) {
    return "{\"name\": "
        + GeneratedCatalog.json(name)
        + ", \"parameterTypes\": ["
        + String.join(", ", parameterTypes)
        + "]}";
  }

  private Entry entry(String type) {
    return entries.computeIfAbsent(type, t -> new Entry());
  }

  /** Registers the class behind {@code type} (its element type for an array) as loadable. */
  private void loadable(TypeMirror type) {
    TypeMirror t = types.erasure(type);
    while (t.getKind() == TypeKind.ARRAY) {
      t = ((ArrayType) t).getComponentType();
    }
    if (t.getKind() == TypeKind.DECLARED) {
      entry(binaryName(t));
    }
  }

  /** The name reflection uses: binary names, {@code []} for arrays, primitives as keywords. */
  private String name(TypeMirror type) {
    TypeMirror t = types.erasure(type);
    if (t.getKind() == TypeKind.ARRAY) {
      return name(((ArrayType) t).getComponentType()) + "[]";
    }
    if (t.getKind() == TypeKind.DECLARED) {
      return binaryName(t);
    }
    return t.toString(); // a primitive
  }

  private String binaryName(TypeMirror declared) {
    return elements.getBinaryName((TypeElement) ((DeclaredType) declared).asElement()).toString();
  }
}
