package dev.optievent.aspect.internal;

import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.aspect.CompletionStrategy;
import java.lang.reflect.Method;

/**
 * Everything the aspect needs to report one annotated method, worked out once per method: the event
 * key, which argument (or return value, or property of either) feeds which parameter, where the
 * identities come from, and whether the method completes later (a {@code CompletionStage}, {@code
 * Mono}, {@code Flux} or {@code Publisher}). A method whose annotations cannot work carries a
 * {@link #problem()} instead, reported once when the plan is built. Internal.
 */
public final class MethodPlan {
  final String eventKey;
  final ParamBinding[] argParams;
  final ParamBinding[] returnParams;
  final ValueSource customer;
  final ValueSource visitor;
  final boolean async;
  final Completion completion;
  final String problem;
  final String methodName;

  /** {@code @OptimoveEvent(afterCommit)}: whether a transaction's hold may keep the event. */
  final boolean afterCommit;

  /** For {@link Completion#CUSTOM}: the strategy that waits for the returned object. */
  final CompletionStrategy strategy;

  /** The annotated method, to tell a woven call from a proxied one of the same method. */
  final Method method;

  /** The names of argParams then returnParams: the slots of every event's ParamMap. */
  final String[] paramNames;

  MethodPlan(
      Method method,
      String eventKey,
      ParamBinding[] argParams,
      ParamBinding[] returnParams,
      ValueSource customer,
      ValueSource visitor,
      Completion completion,
      CompletionStrategy strategy,
      String problem) {
    this.method = method;
    this.strategy = strategy;
    this.methodName = method.getDeclaringClass().getName() + "." + method.getName();
    OptimoveEvent annotation = method.getAnnotation(OptimoveEvent.class);
    this.afterCommit = annotation == null || annotation.afterCommit();
    this.eventKey = eventKey;
    this.argParams = argParams;
    this.returnParams = returnParams;
    this.customer = customer;
    this.visitor = visitor;
    this.completion = completion;
    this.async = completion.later();
    this.problem = problem;
    this.paramNames = new String[argParams.length + returnParams.length];
    for (int i = 0; i < argParams.length; i++) {
      paramNames[i] = argParams[i].name;
    }
    for (int i = 0; i < returnParams.length; i++) {
      paramNames[argParams.length + i] = returnParams[i].name;
    }
  }

  static MethodPlan broken(Method method, String eventKey, String problem) {
    return new MethodPlan(
        method,
        eventKey,
        new ParamBinding[0],
        new ParamBinding[0],
        null,
        null,
        Completion.SYNC,
        null,
        problem);
  }

  /**
   * @return the event key
   */
  public String eventKey() {
    return eventKey;
  }

  /**
   * @return why the method's annotations cannot work, or {@code null} if they can
   */
  public String problem() {
    return problem;
  }

  /**
   * @return whether the event is sent when a returned {@code CompletionStage} or publisher
   *     completes
   */
  public boolean async() {
    return async;
  }
}
