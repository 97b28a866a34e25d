package dev.optievent.aspect;

import dev.optievent.aspect.internal.EventReporter;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.annotation.AfterReturning;
import org.aspectj.lang.annotation.Aspect;

/**
 * Reports an Optimove event after each normal return of a method annotated with
 * {@link dev.optievent.annotation.OptimoveEvent}. Weave it into your application with the
 * aspectj-maven-plugin ({@code aspectLibraries}, see the README); it matches nothing else.
 *
 * <p>The advice runs only after a normal return, so a method that throws sends nothing and its
 * exception reaches the caller untouched. The advice itself never throws: every failure in
 * reporting is counted and logged. Written in annotation style so the same class serves
 * compile-time and load-time weaving.
 */
@Aspect
public class OptimoveEventAspect {

  /**
   * Hands the call to the reporter: the aspect stays thin.
   *
   * @param joinPoint the annotated method's execution
   * @param result what it returned ({@code null} for {@code void})
   */
  @AfterReturning(
      pointcut = "execution(@dev.optievent.annotation.OptimoveEvent * *(..))",
      returning = "result")
  public void reportEvent(JoinPoint joinPoint, Object result) {
    EventReporter.afterReturning(joinPoint.getStaticPart(), joinPoint.getArgs(), result);
  }
}
