package dev.optievent.aspect.internal;

import dev.optievent.annotation.OptimoveEvent;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What reporting reflects on, for ahead-of-time tools (Spring AOT's native hints): the annotated
 * methods of a class, and the record accessors, getters and fields each method's {@code
 * EventParam}, {@code CustomerId} and {@code VisitorId} paths read, as its plan resolves them.
 * Internal.
 */
public final class ReflectedMembers {
  private ReflectedMembers() {}

  /**
   * @param type a class
   * @return the {@code @OptimoveEvent} methods it declares or inherits from its superclasses
   */
  public static List<Method> annotatedMethods(Class<?> type) {
    List<Method> found = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(OptimoveEvent.class) && !m.isBridge()) {
          found.add(m);
        }
      }
    }
    return found;
  }

  /**
   * @param method an {@code @OptimoveEvent} method
   * @return the members its plan's paths read, in order; none if the plan has a problem (the method
   *     is then dropped as {@code invalid_annotation} and reads nothing)
   */
  public static List<Member> readBy(Method method) {
    MethodPlan plan = MethodPlans.of(method);
    if (plan.problem != null) {
      return List.of();
    }
    Set<Member> members = new LinkedHashSet<>();
    for (ParamBinding p : plan.argParams) {
      members.addAll(p.source.members());
    }
    for (ParamBinding p : plan.returnParams) {
      members.addAll(p.source.members());
    }
    if (plan.customer != null) {
      members.addAll(plan.customer.members());
    }
    if (plan.visitor != null) {
      members.addAll(plan.visitor.members());
    }
    return List.copyOf(members);
  }
}
