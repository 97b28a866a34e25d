package dev.optievent.aspect.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dotted property path ({@code "plan.name"}) resolved once, when a method's plan is built, into a
 * chain of accessors: record components, JavaBeans getters, public fields and {@code Map} keys.
 * Each call then only invokes method handles. A {@code null} anywhere along the path reads as
 * {@code null}; an {@code Optional} along the path is unwrapped. Internal.
 */
public final class PropertyPath {

  /** Reads one step of a path. */
  private interface Step {
    Object read(Object target) throws Throwable;
  }

  private final String path;
  private final Step[] steps;
  private final Class<?> resultType;

  /** The accessors the path was resolved to (not those of a segment resolved per value). */
  private final List<Member> members;

  private PropertyPath(String path, Step[] steps, Class<?> resultType, List<Member> members) {
    this.path = path;
    this.steps = steps;
    this.resultType = resultType;
    this.members = members;
  }

  /**
   * Resolves {@code path} against a declared type.
   *
   * @param declared the declared (generic) type of the root value
   * @param path a dotted path, not empty
   * @return the resolved path
   * @throws PlanException if a segment does not exist on the type it is read from
   */
  public static PropertyPath resolve(Type declared, String path) {
    String[] names = path.split("\\.", -1);
    Step[] steps = new Step[names.length];
    List<Member> members = new ArrayList<>();
    Type current = declared;
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      if (name.isBlank()) {
        throw new PlanException("path '" + path + "' has an empty segment");
      }
      Class<?> raw = unwrapOptionalRaw(current);
      boolean optional = raw != erase(current);
      if (optional) {
        current = optionalArgument(current);
      }
      Resolved r = resolveSegment(current, raw, name, path);
      steps[i] = optional ? unwrapping(r.step) : r.step;
      if (r.member != null) {
        members.add(r.member);
      }
      current = r.type;
    }
    Class<?> result = erase(current);
    if (result == Optional.class) {
      result = erase(optionalArgument(current));
    }
    return new PropertyPath(path, steps, result, List.copyOf(members));
  }

  /**
   * @return the record accessors, getters and fields the path reads, in order (what a native image
   *     must be able to reflect on); none for a segment resolved per value or a {@code Map} key
   */
  public List<Member> members() {
    return members;
  }

  /**
   * @return the declared type the path ends at ({@code Object} when only known per value)
   */
  public Class<?> resultType() {
    return resultType;
  }

  /**
   * Reads the path from a root value.
   *
   * @param root the root value
   * @return the value at the end of the path, or {@code null} if any step is {@code null}
   * @throws Throwable whatever an accessor threw
   */
  public Object read(Object root) throws Throwable {
    Object v = root;
    for (Step step : steps) {
      if (v == null) {
        return null;
      }
      v = step.read(v);
    }
    return v;
  }

  @Override
  public String toString() {
    return path;
  }

  private record Resolved(Step step, Type type, Member member) {}

  private static Resolved resolveSegment(Type type, Class<?> raw, String name, String path) {
    if (Map.class.isAssignableFrom(raw)) {
      return new Resolved(target -> ((Map<?, ?>) target).get(name), mapValueType(type), null);
    }
    if (raw == Object.class) {
      // Only known per value (e.g. a Map<String, Object> value): resolved per runtime class,
      // cached.
      DynamicStep dynamic = new DynamicStep(name);
      return new Resolved(dynamic, Object.class, null);
    }
    Accessor a = findAccessor(raw, name);
    if (a == null) {
      throw new PlanException(
          "path '"
              + path
              + "': "
              + raw.getName()
              + " has no property '"
              + name
              + "' (no record component, getter get"
              + capitalize(name)
              + "()/is"
              + capitalize(name)
              + "(), public field or Map key)");
    }
    MethodHandle handle = a.handle;
    return new Resolved(target -> (Object) handle.invokeExact(target), a.type, a.member);
  }

  private static Step unwrapping(Step inner) {
    return target -> {
      Object v = ((Optional<?>) target).orElse(null);
      return v == null ? null : inner.read(v);
    };
  }

  private record Accessor(MethodHandle handle, Type type, Member member) {}

  /** Finds the accessor for {@code name} on {@code type}: record component, getter, field. */
  static Accessor findAccessor(Class<?> type, String name) {
    try {
      if (type.isRecord()) {
        for (RecordComponent rc : type.getRecordComponents()) {
          if (rc.getName().equals(name)) {
            return accessor(rc.getAccessor(), rc.getGenericType());
          }
        }
      }
      String cap = capitalize(name);
      Method getter = findPublicNoArgMethod(type, "get" + cap);
      if (getter != null && getter.getReturnType() != void.class) {
        return accessor(getter, getter.getGenericReturnType());
      }
      Method is = findPublicNoArgMethod(type, "is" + cap);
      if (is != null
          && (is.getReturnType() == boolean.class || is.getReturnType() == Boolean.class)) {
        return accessor(is, is.getGenericReturnType());
      }
      Field f = findPublicField(type, name);
      if (f != null) {
        return new Accessor(adapt(lookup(f).unreflectGetter(f)), f.getGenericType(), f);
      }
      return null;
    } catch (IllegalAccessException e) {
      throw new PlanException(
          "property '" + name + "' of " + type.getName() + " is not accessible: " + e.getMessage());
    }
  }

  private static Accessor accessor(Method m, Type type) throws IllegalAccessException {
    return new Accessor(adapt(lookup(m).unreflect(m)), type, m);
  }

  private static MethodHandles.Lookup lookup(AccessibleObject member) {
    try {
      // Non-public classes (package-private records, nested types) are common in services.
      member.setAccessible(true);
    } catch (RuntimeException ignored) {
      // Not opened to us: fall back to public access, which fails with a clear message if needed.
    }
    return MethodHandles.lookup();
  }

  private static MethodHandle adapt(MethodHandle h) {
    return h.asType(MethodType.methodType(Object.class, Object.class));
  }

  private static Method findPublicNoArgMethod(Class<?> type, String name) {
    try {
      Method m = type.getMethod(name);
      return Modifier.isStatic(m.getModifiers()) ? null : m;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Field findPublicField(Class<?> type, String name) {
    try {
      Field f = type.getField(name);
      return Modifier.isStatic(f.getModifiers()) ? null : f;
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The raw class of {@code type}. */
  public static Class<?> erase(Type type) {
    if (type instanceof Class) {
      return (Class<?>) type;
    }
    if (type instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) type).getRawType();
    }
    if (type instanceof TypeVariable) {
      Type[] bounds = ((TypeVariable<?>) type).getBounds();
      return bounds.length == 0 ? Object.class : erase(bounds[0]);
    }
    if (type instanceof WildcardType) {
      Type[] upper = ((WildcardType) type).getUpperBounds();
      return upper.length == 0 ? Object.class : erase(upper[0]);
    }
    return Object.class;
  }

  private static Class<?> unwrapOptionalRaw(Type type) {
    Class<?> raw = erase(type);
    return raw == Optional.class ? erase(optionalArgument(type)) : raw;
  }

  private static Type optionalArgument(Type type) {
    if (type instanceof ParameterizedType) {
      return ((ParameterizedType) type).getActualTypeArguments()[0];
    }
    return Object.class;
  }

  private static Type mapValueType(Type type) {
    if (type instanceof ParameterizedType && erase(type) == Map.class) {
      Type[] args = ((ParameterizedType) type).getActualTypeArguments();
      return args.length == 2 ? args[1] : Object.class;
    }
    return Object.class;
  }

  /** A step resolved per runtime class of the value, cached per class. */
  private static final class DynamicStep implements Step {
    private final String name;
    private final ClassValue<Step> perClass =
        new ClassValue<>() {
          @Override
          protected Step computeValue(Class<?> type) {
            if (Map.class.isAssignableFrom(type)) {
              return target -> ((Map<?, ?>) target).get(name);
            }
            Accessor a = findAccessor(type, name);
            if (a == null) {
              return target -> {
                throw new IllegalArgumentException(
                    type.getName() + " has no property '" + name + "'");
              };
            }
            MethodHandle h = a.handle;
            return target -> (Object) h.invokeExact(target);
          }
        };

    DynamicStep(String name) {
      this.name = name;
    }

    @Override
    public Object read(Object target) throws Throwable {
      Object v = target instanceof Optional ? ((Optional<?>) target).orElse(null) : target;
      return v == null ? null : perClass.get(v.getClass()).read(v);
    }
  }
}
