package dev.optievent.aspect.internal;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.EventParams;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.annotation.VisitorId;
import dev.optievent.aspect.CompletionStrategies;
import dev.optievent.aspect.CompletionStrategy;
import dev.optievent.client.internal.ValueMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link MethodPlan} from a method's annotations, checking everything that can be checked
 * without a call. Internal.
 */
final class PlanBuilder {

  private final Method method;
  private final String where;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  private PlanBuilder(Method method) {
    this.method = method;
    this.where = describe(method);
  }

  static MethodPlan build(Method method) {
    return new PlanBuilder(method).build();
  }

  private MethodPlan build() {
    OptimoveEvent event = method.getAnnotation(OptimoveEvent.class);
    String key = event == null ? "" : event.name();
    if (key.isBlank()) {
      return MethodPlan.broken(
          method,
          key,
          where
              + ": @OptimoveEvent(name) is blank; set it to the event key configured with Optimove");
    }
    Completion completion = Completion.of(method.getReturnType());
    CompletionStrategy strategy = null;
    if (completion == null
        || (completion == Completion.SYNC && !method.getReturnType().isPrimitive())) {
      strategy = CompletionStrategies.find(method.getReturnType());
      completion = strategy != null ? Completion.CUSTOM : completion;
    }
    if (completion == null) {
      return MethodPlan.broken(
          method,
          key,
          where
              + ": returns "
              + method.getReturnType().getName()
              + ", a Publisher whose completion cannot be awaited (its event would be sent before"
              + " its work runs); return a Mono, a Flux, a Publisher or a CompletionStage");
    }
    Type returnType =
        strategy != null
            ? strategy.valueType(method.getGenericReturnType())
            : completion.later()
                ? valueType(method.getGenericReturnType())
                : method.getGenericReturnType();
    if (Completion.isSuspending(method)) {
      // Kotlin: suspend fun f(): T is Object f(..., Continuation<? super T>).
      completion = Completion.SUSPEND;
      Type[] generic = method.getGenericParameterTypes();
      returnType = continuationValueType(generic[generic.length - 1]);
    }

    List<ParamBinding> argParams = new ArrayList<>();
    ValueSource customer = null;
    ValueSource visitor = null;
    Type[] types = method.getGenericParameterTypes();
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < types.length; i++) {
      for (Annotation a : annotations[i]) {
        EventParam[] params =
            a instanceof EventParam
                ? new EventParam[] {(EventParam) a}
                : a instanceof EventParams ? ((EventParams) a).value() : new EventParam[0];
        for (EventParam p : params) {
          ValueSource s = source(i, types[i], p.path(), "parameter '" + p.value() + "'", false);
          addParam(argParams, p.value(), s);
        }
        if (a instanceof CustomerId) {
          if (customer != null) {
            problems.add("more than one @CustomerId; keep one");
          }
          customer = source(i, types[i], ((CustomerId) a).path(), "@CustomerId", true);
        } else if (a instanceof VisitorId) {
          if (visitor != null) {
            problems.add("more than one @VisitorId; keep one");
          }
          visitor = source(i, types[i], ((VisitorId) a).path(), "@VisitorId", true);
        }
      }
    }

    List<ParamBinding> returnParams = new ArrayList<>();
    EventParam[] onMethod = method.getAnnotationsByType(EventParam.class);
    if (onMethod.length > 0 && !completion.hasValue()) {
      problems.add(
          "@EventParam on the method takes the return value, but a "
              + method.getReturnType().getSimpleName()
              + " completes with no single value; put @EventParam on an argument, or return a"
              + " Mono");
    } else if (onMethod.length > 0 && (returnType == void.class || returnType == Void.class)) {
      problems.add(
          "@EventParam on the method takes the return value, but the method returns "
              + "nothing; put @EventParam on an argument instead");
    } else {
      for (EventParam p : onMethod) {
        ValueSource s =
            source(
                ValueSource.RETURN_VALUE,
                returnType,
                p.path(),
                "parameter '" + p.value() + "' (return value)",
                false);
        addParam(returnParams, p.value(), s);
      }
    }
    if (!problems.isEmpty()) {
      return MethodPlan.broken(method, key, where + ": " + String.join("; ", problems));
    }
    return new MethodPlan(
        method,
        key,
        argParams.toArray(new ParamBinding[0]),
        returnParams.toArray(new ParamBinding[0]),
        customer,
        visitor,
        completion,
        strategy,
        null);
  }

  private void addParam(List<ParamBinding> into, String name, ValueSource source) {
    if (name.isBlank()) {
      problems.add(
          "an @EventParam name is blank; set it to the parameter name configured with Optimove");
    } else if (!names.add(name)) {
      problems.add("parameter '" + name + "' is declared twice; each name may appear once");
    }
    if (source != null) {
      into.add(new ParamBinding(name, source));
    }
  }

  private ValueSource source(int index, Type type, String path, String what, boolean identity) {
    String origin = index == ValueSource.RETURN_VALUE ? "the return value" : "argument " + index;
    PropertyPath resolved = null;
    Class<?> valueType = PropertyPath.erase(type);
    if (!path.isEmpty()) {
      try {
        resolved = PropertyPath.resolve(type, path);
        valueType = resolved.resultType();
      } catch (PlanException e) {
        problems.add(what + ": " + e.getMessage());
        return null;
      }
    }
    ValueMapper.Kind kind = ValueMapper.kindOf(valueType);
    if (kind == ValueMapper.Kind.UNSUPPORTED) {
      problems.add(
          what
              + " reads "
              + valueType.getName()
              + " from "
              + origin
              + (path.isEmpty() ? "" : " (path '" + path + "')")
              + (identity
                  ? ", which is not text or a number; point path at the ID property"
                  : ", which cannot be sent as text, number or boolean; add a path to a property"
                      + " of that type, e.g. @EventParam(value = \"...\", path = \"id\")"));
      return null;
    }
    if (identity && kind == ValueMapper.Kind.BOOLEAN) {
      problems.add(what + " reads a boolean from " + origin + "; an ID must be text or a number");
      return null;
    }
    return new ValueSource(
        index, resolved, origin + (path.isEmpty() ? "" : " (path '" + path + "')"));
  }

  /** What a suspend function returns: the {@code T} of its {@code Continuation<? super T>}. */
  private static Type continuationValueType(Type continuation) {
    Type t = valueType(continuation);
    if (t instanceof WildcardType wildcard && wildcard.getLowerBounds().length == 1) {
      return wildcard.getLowerBounds()[0];
    }
    return t instanceof WildcardType ? Object.class : t;
  }

  /** What a stage or a Mono completes with: its {@code T}. */
  private static Type valueType(Type generic) {
    if (generic instanceof ParameterizedType) {
      Type[] args = ((ParameterizedType) generic).getActualTypeArguments();
      if (args.length == 1) {
        return args[0];
      }
    }
    return Object.class;
  }

  static String describe(Method method) {
    StringBuilder sb =
        new StringBuilder("@OptimoveEvent method ")
            .append(method.getDeclaringClass().getName())
            .append('.')
            .append(method.getName())
            .append('(');
    Class<?>[] p = method.getParameterTypes();
    for (int i = 0; i < p.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(p[i].getSimpleName());
    }
    return sb.append(')').toString();
  }
}
