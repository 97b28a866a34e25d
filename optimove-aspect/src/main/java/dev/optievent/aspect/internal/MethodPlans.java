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
  // Keyed by the join point's static part: one object per woven method, compared by identity.
  private static final ClassValue<Map<JoinPoint.StaticPart, MethodPlan>> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected Map<JoinPoint.StaticPart, MethodPlan> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>(4);
        }
      };

  private MethodPlans() {}

  /** Finds or builds the plan of the method behind a join point. */
  static MethodPlan of(JoinPoint.StaticPart joinPoint) {
    Map<JoinPoint.StaticPart, MethodPlan> plans =
        BY_CLASS.get(joinPoint.getSignature().getDeclaringType());
    MethodPlan plan = plans.get(joinPoint);
    return plan != null ? plan : plans.computeIfAbsent(joinPoint, MethodPlans::build);
  }

  private static MethodPlan build(JoinPoint.StaticPart joinPoint) {
    Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
    MethodPlan plan = PlanBuilder.build(method);
    if (plan.problem != null) {
      AspectLog.warn(
          "{}. Its events are dropped with reason 'invalid_annotation' until this is fixed.",
          plan.problem);
    }
    return plan;
  }
}
