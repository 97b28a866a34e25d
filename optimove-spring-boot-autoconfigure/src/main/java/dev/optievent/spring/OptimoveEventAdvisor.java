package dev.optievent.spring;

import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.aspect.internal.Bridge;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Makes Spring AOP proxy every bean with an {@code @OptimoveEvent} method and route those methods
 * through {@link OptimoveEventInterceptor}. Matches what the woven pointcut {@code
 * execution(@OptimoveEvent * *(..))} matches: the annotation on the target class's method itself.
 */
final class OptimoveEventAdvisor extends AbstractPointcutAdvisor {
  private static final long serialVersionUID = 1L;

  private final transient Pointcut pointcut = new AnnotatedMethods();
  private final transient Advice advice;

  OptimoveEventAdvisor(Supplier<Bridge.Connection> connection) {
    this.advice = new OptimoveEventInterceptor(connection);
  }

  @Override
  public Pointcut getPointcut() {
    return pointcut;
  }

  @Override
  public Advice getAdvice() {
    return advice;
  }

  private static final class AnnotatedMethods extends StaticMethodMatcherPointcut {
    @Override
    public boolean matches(Method method, Class<?> targetClass) {
      return method.isAnnotationPresent(OptimoveEvent.class)
          || (targetClass != null
              && AopUtils.getMostSpecificMethod(method, targetClass)
                  .isAnnotationPresent(OptimoveEvent.class));
    }
  }
}
