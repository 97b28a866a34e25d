package dev.optievent.annotation.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.AnnotatedConstruct;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The compile-time twin of the aspect's {@code ValueMapper.kindOf} and {@code PropertyPath}: which
 * Optimove type a Java type maps to, and whether a dotted path exists on a declared type. It must
 * agree with the runtime; where the runtime only knows a type per value ({@code Object}, a {@code
 * Map} value of unknown type), so does this.
 */
final class ValueTypes {

  /** What a declared type maps to. */
  enum Kind {
    TEXT,
    NUMBER,
    BOOLEAN,
    /** {@code Object}: text, number or boolean decided per value at run time. */
    DYNAMIC,
    /** Cannot be sent. */
    UNSUPPORTED,
    /** The compiler could not resolve the type: it reports that itself, so we stay quiet. */
    UNKNOWN;

    String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A classified value: its kind, and whether every call yields a value (never null/empty). */
  record Value(Kind kind, TypeMirror type, boolean alwaysPresent) {}

  /** The outcome of a path: the value it ends at, or a message saying what is wrong. */
  record PathResult(Value value, String problem, List<ReadMember> members) {
    PathResult(Value value, String problem) {
      this(value, problem, List.of());
    }
  }

  /**
   * An accessor a path reads at run time, for a native image's reflection metadata.
   *
   * @param owner the binary name of the class that declares it
   * @param name the method's or field's name
   * @param field whether it is a field (else a method without parameters)
   */
  record ReadMember(String owner, String name, boolean field) {}

  private static final Set<String> NON_NULL = Set.of("NonNull", "Nonnull", "NotNull");
  private static final Set<String> TEXT_TIME_TYPES =
      Set.of(
          "java.time.Instant",
          "java.time.ZonedDateTime",
          "java.time.OffsetDateTime",
          "java.time.LocalDateTime",
          "java.time.LocalDate");

  private final Types types;
  private final Elements elements;

  ValueTypes(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /**
   * Classifies a declared type the way the aspect's runtime does.
   *
   * @param type the declared type of the value
   * @param nonNull whether the value itself is known never to be null (e.g. annotated)
   */
  Value classify(TypeMirror type, boolean nonNull) {
    TypeMirror t = upper(type);
    switch (t.getKind()) {
      case BOOLEAN:
        return new Value(Kind.BOOLEAN, t, true);
      case CHAR:
        return new Value(Kind.TEXT, t, true);
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return new Value(Kind.NUMBER, t, true);
      case ERROR:
        return new Value(Kind.UNKNOWN, t, false);
      case DECLARED:
        break;
      default:
        return new Value(Kind.UNSUPPORTED, t, false);
    }
    boolean present = nonNull || isNonNull(t);
    String name = qualifiedName(t);
    switch (name) {
      case "java.lang.Object":
        return new Value(Kind.DYNAMIC, t, present);
      case "java.lang.Boolean":
        return new Value(Kind.BOOLEAN, t, present);
      case "java.lang.Character":
      case "java.util.UUID":
        return new Value(Kind.TEXT, t, present);
      case "java.util.Optional":
        {
          Value inner = classify(typeArgument(t, 0), false);
          return new Value(inner.kind(), inner.type(), false);
        }
      case "java.util.OptionalInt":
      case "java.util.OptionalLong":
      case "java.util.OptionalDouble":
        return new Value(Kind.NUMBER, t, false);
      default:
        break;
    }
    if (isSubtype(t, "java.lang.Number")) {
      return new Value(Kind.NUMBER, t, present);
    }
    if (isSubtype(t, "java.lang.CharSequence")
        || types.asElement(t).getKind() == ElementKind.ENUM
        || isSubtype(t, "java.lang.Enum")
        || TEXT_TIME_TYPES.contains(name)
        || isSubtype(t, "java.util.Date")) {
      return new Value(Kind.TEXT, t, present);
    }
    return new Value(Kind.UNSUPPORTED, t, present);
  }

  /**
   * Follows a dotted path from a value of {@code root}, segment by segment, exactly where the
   * runtime would: {@code Map} keys, record components, public getters, public fields; {@code
   * Optional} unwrapped along the way; after {@code Object} the rest is only known per value.
   */
  PathResult resolve(TypeMirror root, boolean rootPresent, String path) {
    String[] segments = path.split("\\.", -1);
    TypeMirror current = root;
    boolean present = rootPresent;
    List<ReadMember> members = new ArrayList<>();
    for (String segment : segments) {
      if (segment.isBlank()) {
        return new PathResult(
            null,
            "path '"
                + path
                + "' has an empty segment; separate property"
                + " names with single dots, e.g. \"plan.name\"");
      }
      current = upper(current);
      if (current.getKind() == TypeKind.DECLARED
          && qualifiedName(current).equals("java.util.Optional")) {
        current = upper(typeArgument(current, 0));
        present = false;
      }
      if (current.getKind() == TypeKind.ERROR) {
        return new PathResult(new Value(Kind.UNKNOWN, current, false), null);
      }
      if (current.getKind() != TypeKind.DECLARED) {
        return new PathResult(
            null, "path '" + path + "': " + current + " has no property '" + segment + "'");
      }
      if (isSubtype(current, "java.util.Map")) {
        current = mapValueType((DeclaredType) current);
        present = false;
        continue;
      }
      if (qualifiedName(current).equals("java.lang.Object")) {
        // Like the runtime: the rest of the path is resolved per value.
        return new PathResult(new Value(Kind.DYNAMIC, current, false), null, members);
      }
      Accessor accessor = findAccessor((DeclaredType) current, segment);
      if (accessor == null) {
        TypeElement te = (TypeElement) types.asElement(current);
        String cap = capitalize(segment);
        List<String> known = properties((DeclaredType) current, false);
        return new PathResult(
            null,
            "path '"
                + path
                + "': "
                + te.getQualifiedName()
                + " has no property '"
                + segment
                + "' (no record component, getter get"
                + cap
                + "()/is"
                + cap
                + "(), public field or Map key)"
                + (known.isEmpty() ? "" : "; its properties are " + String.join(", ", known)));
      }
      members.add(accessor.member());
      current = accessor.type();
      present = present && accessor.present();
    }
    Value end = classify(current, present);
    // A primitive at the end of the path is only there if every step before it was.
    return new PathResult(
        new Value(end.kind(), end.type(), end.alwaysPresent() && present), null, members);
  }

  /**
   * The value type of a {@code CompletionStage}: the stage's {@code T}, or {@code null} if {@code
   * type} is not a stage.
   */
  TypeMirror stageValueType(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED
        || !isSubtype(type, "java.util.concurrent.CompletionStage")) {
      return null;
    }
    DeclaredType stage = findSupertype((DeclaredType) type, "java.util.concurrent.CompletionStage");
    return stage == null ? objectType() : typeArgument(stage, 0);
  }

  /**
   * The value type of a Reactor {@code Mono} or an RxJava 3 {@code Single} or {@code Maybe}, or
   * {@code null} if {@code type} is none of them.
   */
  TypeMirror monoValueType(TypeMirror type) {
    String name = type.getKind() == TypeKind.DECLARED ? qualifiedName(type) : "";
    return name.equals(MONO) || name.equals(RX + "Single") || name.equals(RX + "Maybe")
        ? typeArgument(type, 0)
        : null;
  }

  /**
   * Whether {@code type} is work with no one value: a {@code Flux}, a plain {@code Publisher}, or
   * RxJava 3's {@code Flowable}, {@code Observable} or {@code Completable}.
   */
  boolean isValuelessPublisher(TypeMirror type) {
    String name = type.getKind() == TypeKind.DECLARED ? qualifiedName(type) : "";
    return name.equals(FLUX)
        || name.equals(PUBLISHER)
        || name.equals(RX + "Flowable")
        || name.equals(RX + "Observable")
        || name.equals(RX + "Completable");
  }

  /**
   * Whether {@code type} is a Reactive Streams {@code Publisher} other than {@code Mono}, {@code
   * Flux}, {@code Publisher} itself and RxJava 3's {@code Flowable} (a {@code ParallelFlux}): the
   * aspect cannot hand the caller a decorated one of that type, so it cannot wait for its work.
   */
  boolean isUndecoratablePublisher(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && monoValueType(type) == null
        && !isValuelessPublisher(type)
        && isSubtype(type, PUBLISHER);
  }

  /** Whether {@code type} is {@code void} or {@code java.lang.Void}. */
  boolean isNothing(TypeMirror type) {
    return type.getKind() == TypeKind.VOID
        || type.getKind() == TypeKind.NONE
        || (type.getKind() == TypeKind.DECLARED && qualifiedName(type).equals("java.lang.Void"));
  }

  /**
   * The properties a path could name on {@code type}: record components, getter properties and
   * public fields, sorted; with {@code mappableOnly}, only those whose declared type maps to text,
   * number or boolean.
   */
  List<String> properties(DeclaredType type, boolean mappableOnly) {
    TypeElement te = (TypeElement) types.asElement(type);
    Set<String> names = new TreeSet<>();
    if (te.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement rc : ElementFilter.recordComponentsIn(te.getEnclosedElements())) {
        names.add(rc.getSimpleName().toString());
      }
    }
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(te))) {
      String n = m.getSimpleName().toString();
      if (!isPublicInstance(m) || !m.getParameters().isEmpty() || n.equals("getClass")) {
        continue;
      }
      if (n.startsWith("get") && n.length() > 3 && m.getReturnType().getKind() != TypeKind.VOID) {
        names.add(decapitalize(n.substring(3)));
      } else if (n.startsWith("is") && n.length() > 2 && isBooleanType(m.getReturnType())) {
        names.add(decapitalize(n.substring(2)));
      }
    }
    for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(te))) {
      if (isPublicInstance(f)) {
        names.add(f.getSimpleName().toString());
      }
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (mappableOnly) {
        Accessor a = findAccessor(type, n);
        if (a == null) {
          continue;
        }
        Kind k = classify(a.type(), false).kind();
        if (k != Kind.TEXT && k != Kind.NUMBER && k != Kind.BOOLEAN) {
          continue;
        }
      }
      out.add(n);
      if (out.size() == 12) {
        out.add("...");
        break;
      }
    }
    return out;
  }

  /** Whether {@code construct} carries an annotation named NonNull, Nonnull or NotNull. */
  static boolean isNonNull(AnnotatedConstruct... constructs) {
    for (AnnotatedConstruct c : constructs) {
      if (c == null) {
        continue;
      }
      for (AnnotationMirror a : c.getAnnotationMirrors()) {
        Element e = a.getAnnotationType().asElement();
        if (e != null && NON_NULL.contains(e.getSimpleName().toString())) {
          return true;
        }
      }
    }
    return false;
  }

  private record Accessor(TypeMirror type, boolean present, ReadMember member) {}

  private ReadMember member(Element element, String name, boolean field) {
    return new ReadMember(
        elements.getBinaryName((TypeElement) element.getEnclosingElement()).toString(),
        name,
        field);
  }

  /** Same order as the runtime: record component, getX(), isX() (boolean only), public field. */
  private Accessor findAccessor(DeclaredType owner, String name) {
    TypeElement te = (TypeElement) types.asElement(owner);
    if (te.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement rc : ElementFilter.recordComponentsIn(te.getEnclosedElements())) {
        if (rc.getSimpleName().contentEquals(name)) {
          ExecutableElement accessor = rc.getAccessor();
          TypeMirror type = accessor == null ? rc.asType() : memberReturnType(owner, accessor);
          return new Accessor(
              type,
              type.getKind().isPrimitive() || isNonNull(rc, accessor, rc.asType(), type),
              member(rc, name, false));
        }
      }
    }
    String cap = capitalize(name);
    List<? extends Element> members = elements.getAllMembers(te);
    ExecutableElement getter = publicNoArgMethod(members, "get" + cap);
    if (getter != null && getter.getReturnType().getKind() != TypeKind.VOID) {
      TypeMirror type = memberReturnType(owner, getter);
      return new Accessor(
          type,
          type.getKind().isPrimitive() || isNonNull(getter, getter.getReturnType()),
          member(getter, "get" + cap, false));
    }
    ExecutableElement is = publicNoArgMethod(members, "is" + cap);
    if (is != null && isBooleanType(is.getReturnType())) {
      TypeMirror type = memberReturnType(owner, is);
      return new Accessor(
          type,
          type.getKind().isPrimitive() || isNonNull(is, is.getReturnType()),
          member(is, "is" + cap, false));
    }
    for (VariableElement f : ElementFilter.fieldsIn(members)) {
      if (f.getSimpleName().contentEquals(name) && isPublicInstance(f)) {
        TypeMirror type = memberType(owner, f);
        return new Accessor(
            type, type.getKind().isPrimitive() || isNonNull(f, f.asType()), member(f, name, true));
      }
    }
    // Lombok writes its getters into the same compilation; when javac runs this processor before
    // Lombok's, they are not there yet. A field that Lombok's @Getter, @Data or @Value will give
    // a public getter stands for that getter, with the field's type.
    for (VariableElement f : ElementFilter.fieldsIn(te.getEnclosedElements())) {
      if (f.getSimpleName().contentEquals(name)
          && !f.getModifiers().contains(Modifier.STATIC)
          && lombokWritesPublicGetter(te, f)) {
        TypeMirror type = memberType(owner, f);
        // Lombok's getter: isX() for a primitive boolean, getX() otherwise.
        String lombokGetter = (f.asType().getKind() == TypeKind.BOOLEAN ? "is" : "get") + cap;
        return new Accessor(
            type,
            type.getKind().isPrimitive() || isNonNull(f, f.asType()),
            member(f, lombokGetter, false));
      }
    }
    return null;
  }

  /**
   * Whether Lombok gives {@code field} a public getter: {@code @Getter} on the field, or {@code
   * Getter}, {@code Data} or {@code Value} on its class, public unless an access level says not.
   */
  private static boolean lombokWritesPublicGetter(TypeElement owner, VariableElement field) {
    AnnotationMirror onField = lombok(field, "Getter");
    if (onField != null) {
      return isPublicLevel(onField);
    }
    AnnotationMirror getter = lombok(owner, "Getter");
    if (getter != null) {
      return isPublicLevel(getter);
    }
    return lombok(owner, "Data") != null || lombok(owner, "Value") != null;
  }

  private static AnnotationMirror lombok(Element e, String simpleName) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      Element type = a.getAnnotationType().asElement();
      if (type instanceof TypeElement t
          && t.getQualifiedName().contentEquals("lombok." + simpleName)) {
        return a;
      }
    }
    return null;
  }

  /** A Lombok {@code @Getter} without an access level, or with {@code AccessLevel.PUBLIC}. */
  private static boolean isPublicLevel(AnnotationMirror getter) {
    for (var e : getter.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("value")) {
        return String.valueOf(e.getValue().getValue()).equals("PUBLIC");
      }
    }
    return true;
  }

  private static ExecutableElement publicNoArgMethod(List<? extends Element> members, String name) {
    for (ExecutableElement m : ElementFilter.methodsIn(members)) {
      if (m.getSimpleName().contentEquals(name)
          && m.getParameters().isEmpty()
          && isPublicInstance(m)) {
        return m;
      }
    }
    return null;
  }

  private static boolean isPublicInstance(Element e) {
    return e.getModifiers().contains(Modifier.PUBLIC)
        && !e.getModifiers().contains(Modifier.STATIC);
  }

  private boolean isBooleanType(TypeMirror t) {
    return t.getKind() == TypeKind.BOOLEAN
        || (t.getKind() == TypeKind.DECLARED && qualifiedName(t).equals("java.lang.Boolean"));
  }

  private TypeMirror memberReturnType(DeclaredType owner, ExecutableElement method) {
    try {
      TypeMirror member = types.asMemberOf(owner, method);
      if (member.getKind() == TypeKind.EXECUTABLE) {
        return ((ExecutableType) member).getReturnType();
      }
    } catch (IllegalArgumentException e) {
      // fall back to the declared type
    }
    return method.getReturnType();
  }

  private TypeMirror memberType(DeclaredType owner, VariableElement field) {
    try {
      return types.asMemberOf(owner, field);
    } catch (IllegalArgumentException e) {
      return field.asType();
    }
  }

  private TypeMirror mapValueType(DeclaredType type) {
    DeclaredType map = findSupertype(type, "java.util.Map");
    return map == null ? objectType() : typeArgument(map, 1);
  }

  /** The parameterisation of supertype {@code name} as seen from {@code type}, or null. */
  private DeclaredType findSupertype(DeclaredType type, String name) {
    if (qualifiedName(type).equals(name)) {
      return type;
    }
    for (TypeMirror s : types.directSupertypes(type)) {
      if (s.getKind() == TypeKind.DECLARED) {
        DeclaredType found = findSupertype((DeclaredType) s, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * The {@code index}th type argument, or {@code Object} for a raw type or an unbounded wildcard.
   */
  private TypeMirror typeArgument(TypeMirror type, int index) {
    List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
    return args.size() > index ? args.get(index) : objectType();
  }

  /** The upper bound of type variables, wildcards and intersections; others unchanged. */
  private TypeMirror upper(TypeMirror type) {
    TypeMirror t = type;
    for (int guard = 0; guard < 16; guard++) {
      switch (t.getKind()) {
        case TYPEVAR:
          t = ((TypeVariable) t).getUpperBound();
          break;
        case WILDCARD:
          {
            TypeMirror bound = ((WildcardType) t).getExtendsBound();
            t = bound == null ? objectType() : bound;
            break;
          }
        case INTERSECTION:
          {
            List<? extends TypeMirror> bounds = ((IntersectionType) t).getBounds();
            t = bounds.isEmpty() ? objectType() : bounds.get(0);
            break;
          }
        default:
          return t;
      }
    }
    return objectType();
  }

  private static final String MONO = "reactor.core.publisher.Mono";
  private static final String FLUX = "reactor.core.publisher.Flux";
  private static final String PUBLISHER = "org.reactivestreams.Publisher";
  private static final String RX = "io.reactivex.rxjava3.core.";

  private boolean isSubtype(TypeMirror t, String name) {
    TypeElement target = elements.getTypeElement(name);
    if (target == null) {
      return false;
    }
    return types.isSubtype(types.erasure(t), types.erasure(target.asType()));
  }

  private TypeMirror objectType() {
    return elements.getTypeElement("java.lang.Object").asType();
  }

  private String qualifiedName(TypeMirror t) {
    Element e = types.asElement(t);
    return e instanceof TypeElement ? ((TypeElement) e).getQualifiedName().toString() : "";
  }

  /** How the runtime builds getter names: first character upper-cased. */
  static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String decapitalize(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isUpperCase(s.charAt(1))) {
      return s; // getURL -> URL, as java.beans.Introspector does
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
