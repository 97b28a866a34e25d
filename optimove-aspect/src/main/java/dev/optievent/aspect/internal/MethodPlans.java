package dev.optievent.aspect.internal;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * The plan of each woven method, built on its first call and kept with the class that declares it
 * (a {@link ClassValue}, as OpenTelemetry's {@code MethodCache} does): nothing here holds a woven
 * class, so an application's class loader can still be unloaded.
 */
final class MethodPlans {
  // Keyed by the join point's static part (one object per woven method, compared by identity) or,
  // for calls through a proxy, by the Method itself: both keys of one method share its plan.
  private static final ClassValue<Map<Object, MethodPlan>> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected Map<Object, MethodPlan> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>(4);
        }
      };

  private MethodPlans() {}

  /** Finds or builds the plan of the method behind a join point. */
  static MethodPlan of(JoinPoint.StaticPart joinPoint) {
    Map<Object, MethodPlan> plans = BY_CLASS.get(joinPoint.getSignature().getDeclaringType());
    MethodPlan plan = plans.get(joinPoint);
    if (plan != null) {
      return plan;
    }
    // Not computeIfAbsent: building goes through the Method key of the same map.
    plan = of(plans, ((MethodSignature) joinPoint.getSignature()).getMethod());
    MethodPlan first = plans.putIfAbsent(joinPoint, plan);
    return first != null ? first : plan;
  }

  /** Finds or builds the plan of a method called through a proxy. */
  static MethodPlan of(Method method) {
    Map<Object, MethodPlan> plans = BY_CLASS.get(method.getDeclaringClass());
    MethodPlan plan = plans.get(method);
    return plan != null ? plan : of(plans, method);
  }

  // One plan per method, whichever way it is first reached: its problems are logged once.
  private static MethodPlan of(Map<Object, MethodPlan> plans, Method method) {
    MethodPlan plan = plans.get(method);
    return plan != null ? plan : plans.computeIfAbsent(method, MethodPlans::build);
  }

  private static MethodPlan build(Object key) {
    Method method = (Method) key;
    MethodPlan plan = PlanBuilder.build(method);
    if (plan.problem != null) {
      AspectLog.warn(
          "{}. Its events are dropped with reason 'invalid_annotation' until this is fixed.",
          plan.problem);
    }
    return plan;
  }
}
