package dev.optievent.aspect;

import dev.optievent.aspect.internal.EventReporter;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.AfterReturning;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/**
 * Reports an Optimove event after each normal return of a method annotated with {@link
 * dev.optievent.annotation.OptimoveEvent}, or for a method that returns a {@code Mono}, a {@code
 * Flux} or a {@code Publisher}, when that completes. Weave it into your application with the
 * aspectj-maven-plugin ({@code aspectLibraries}, see docs/weaving.md); it matches nothing else.
 *
 * <p>The advice runs only after a normal return, so a method that throws sends nothing and its
 * exception reaches the caller untouched. The advice itself never throws: every failure in
 * reporting is counted and logged, and what even that cannot handle (an Error on the way in, a
 * stack at its limit) is swallowed here, in the advice's last frame. Written in annotation style so
 * the same class serves compile-time and load-time weaving.
 *
 * <p>One advice per number of arguments (0 to 4), each binding the arguments with {@code args()}
 * and taking only the join point's static part: AspectJ then builds no {@link JoinPoint} object per
 * call (in 1.9.27 that is a JoinPointImpl, a ThreadLocal, a lambda and two argument arrays, about
 * 130 bytes). Methods with more arguments take the general advice.
 */
@Aspect
public class OptimoveEventAspect {
  private static final Object[] NO_ARGS = {};

  /**
   * Methods that return a publisher (Reactor, Reactive Streams, RxJava 3) go to {@link
   * #reportPublisher}, which can hand the caller a decorated one. Matched by package, so that
   * weaving an application without these libraries finds no missing type.
   */
  @Pointcut(
      "execution(@dev.optievent.annotation.OptimoveEvent reactor.core.publisher.* *(..))"
          + " || execution(@dev.optievent.annotation.OptimoveEvent org.reactivestreams.* *(..))"
          + " || execution(@dev.optievent.annotation.OptimoveEvent io.reactivex.rxjava3.core.* *(..))")
  void publisherReturned() {}

  /** Every other method, for the advice that runs after a normal return. */
  @Pointcut(
      "!execution(reactor.core.publisher.* *(..)) && !execution(org.reactivestreams.* *(..))"
          + " && !execution(io.reactivex.rxjava3.core.* *(..))")
  void notPublisherReturned() {}

  /**
   * Methods with no arguments: reports one normal return. Called by woven code only.
   *
   * @param sp the annotated method
   * @param result what it returned ({@code null} for {@code void})
   */
  @AfterReturning(
      pointcut =
          "execution(@dev.optievent.annotation.OptimoveEvent * *())" + " && notPublisherReturned()",
      returning = "result",
      argNames = "result")
  public void report0(JoinPoint.StaticPart sp, Object result) {
    try {
      EventReporter.afterReturning(sp, NO_ARGS, result);
    } catch (Throwable ignored) {
      // See the class comment: the advice never throws.
    }
  }

  /**
   * Methods with one argument: reports one normal return. Called by woven code only.
   *
   * @param sp the annotated method
   * @param a0 argument 0 of the call
   * @param result what it returned ({@code null} for {@code void})
   */
  @AfterReturning(
      pointcut =
          "execution(@dev.optievent.annotation.OptimoveEvent * *(*)) && args(a0)"
              + " && notPublisherReturned()",
      returning = "result",
      argNames = "a0,result")
  public void report1(JoinPoint.StaticPart sp, Object a0, Object result) {
    try {
      EventReporter.afterReturning(sp, 1, a0, null, null, null, result);
    } catch (Throwable ignored) {
      // See the class comment: the advice never throws.
    }
  }

  /**
   * Methods with 2 arguments: reports one normal return. Called by woven code only.
   *
   * @param sp the annotated method
   * @param a0 argument 0 of the call
   * @param a1 argument 1 of the call
   * @param result what it returned ({@code null} for {@code void})
   */
  @AfterReturning(
      pointcut =
          "execution(@dev.optievent.annotation.OptimoveEvent * *(*, *))"
              + " && args(a0, a1)"
              + " && notPublisherReturned()",
      returning = "result",
      argNames = "a0,a1,result")
  public void report2(JoinPoint.StaticPart sp, Object a0, Object a1, Object result) {
    try {
      EventReporter.afterReturning(sp, 2, a0, a1, null, null, result);
    } catch (Throwable ignored) {
      // See the class comment: the advice never throws.
    }
  }

  /**
   * Methods with 3 arguments: reports one normal return. Called by woven code only.
   *
   * @param sp the annotated method
   * @param a0 argument 0 of the call
   * @param a1 argument 1 of the call
   * @param a2 argument 2 of the call
   * @param result what it returned ({@code null} for {@code void})
   */
  @AfterReturning(
      pointcut =
          "execution(@dev.optievent.annotation.OptimoveEvent * *(*, *, *))"
              + " && args(a0, a1, a2)"
              + " && notPublisherReturned()",
      returning = "result",
      argNames = "a0,a1,a2,result")
  public void report3(JoinPoint.StaticPart sp, Object a0, Object a1, Object a2, Object result) {
    try {
      EventReporter.afterReturning(sp, 3, a0, a1, a2, null, result);
    } catch (Throwable ignored) {
      // See the class comment: the advice never throws.
    }
  }

  /**
   * Methods with 4 arguments: reports one normal return. Called by woven code only.
   *
   * @param sp the annotated method
   * @param a0 argument 0 of the call
   * @param a1 argument 1 of the call
   * @param a2 argument 2 of the call
   * @param a3 argument 3 of the call
   * @param result what it returned ({@code null} for {@code void})
   */
  @AfterReturning(
      pointcut =
          "execution(@dev.optievent.annotation.OptimoveEvent * *(*, *, *, *))"
              + " && args(a0, a1, a2, a3)"
              + " && notPublisherReturned()",
      returning = "result",
      argNames = "a0,a1,a2,a3,result")
  public void report4(
      JoinPoint.StaticPart sp, Object a0, Object a1, Object a2, Object a3, Object result) {
    try {
      EventReporter.afterReturning(sp, 4, a0, a1, a2, a3, result);
    } catch (Throwable ignored) {
      // See the class comment: the advice never throws.
    }
  }

  /**
   * Methods with five or more arguments.
   *
   * @param joinPoint the annotated method's execution
   * @param result what it returned ({@code null} for {@code void})
   */
  @AfterReturning(
      pointcut =
          "execution(@dev.optievent.annotation.OptimoveEvent * *(*, *, *, *, *, ..))"
              + " && notPublisherReturned()",
      returning = "result")
  public void reportEvent(JoinPoint joinPoint, Object result) {
    try {
      EventReporter.afterReturning(joinPoint.getStaticPart(), joinPoint.getArgs(), result);
    } catch (Throwable ignored) {
      // See the class comment: the advice never throws.
    }
  }

  /**
   * Methods that return a {@code Mono}, a {@code Flux} or a {@code Publisher}: the call is reported
   * when what it returned completes, so the caller gets a publisher that reports it. An exception
   * from the method reaches the caller untouched, as in the other advice.
   *
   * @param call the annotated method's execution
   * @return what the method returned, decorated
   * @throws Throwable what the method threw
   */
  @Around("publisherReturned()")
  public Object reportPublisher(ProceedingJoinPoint call) throws Throwable {
    Object result = call.proceed();
    try {
      return EventReporter.aroundPublisher(call.getStaticPart(), call.getArgs(), result);
    } catch (Throwable ignored) {
      return result; // see the class comment: the advice never throws
    }
  }
}
