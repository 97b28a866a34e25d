package dev.optievent.spring;

import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.aspect.internal.Bridge;
import dev.optievent.aspect.internal.EventReporter;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

/**
 * The Spring AOP front-end: reports a call through a proxy after it returns normally (or, for a
 * returned {@code Mono}, {@code Flux} or {@code Publisher}, when that completes), with the same
 * code as the woven aspect. If the target class is woven too, its advice reports the call and this
 * interceptor does not, so that each call is reported once whichever mix of weaving and proxying
 * the application has.
 */
final class OptimoveEventInterceptor implements MethodInterceptor {
  /** Its own context's connection: never another context's, whatever woven code reports to. */
  private final Supplier<Bridge.Connection> connection;

  OptimoveEventInterceptor(Supplier<Bridge.Connection> connection) {
    this.connection = connection;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Method method = annotatedMethod(invocation);
    Object token = EventReporter.enterProxied(method);
    Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable t) {
      EventReporter.exitProxied(token);
      throw t; // untouched: a method that throws reports nothing
    }
    if (EventReporter.exitProxied(token)) {
      return result; // the woven advice reported it (and decorated a returned publisher)
    }
    // A Mono, Flux or Publisher comes back decorated, to report the call when it completes.
    return EventReporter.returnedThroughProxy(
        connection.get(), method, invocation.getArguments(), result);
  }

  /**
   * The target class's method, which carries the annotation and is the one the woven advice sees; a
   * JDK proxy calls the interface's method instead.
   */
  static Method annotatedMethod(MethodInvocation invocation) {
    Method method = invocation.getMethod();
    if (method.isAnnotationPresent(OptimoveEvent.class)) {
      return method;
    }
    Object target = invocation.getThis();
    return target == null
        ? method
        : AopUtils.getMostSpecificMethod(method, AopUtils.getTargetClass(target));
  }
}
