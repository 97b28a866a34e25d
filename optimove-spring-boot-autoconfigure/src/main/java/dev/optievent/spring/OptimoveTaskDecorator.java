package dev.optievent.spring;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveContext;
import java.util.function.Supplier;
import org.springframework.core.task.TaskDecorator;

/**
 * Carries the identity seen where a task is submitted to the thread that runs it: an {@code @Async}
 * method reported on an executor's thread reports the caller's customer (or visitor), not the
 * worker thread's (none, or under {@code MODE_INHERITABLETHREADLOCAL} someone else's). It reads the
 * identity as the aspect would on the calling thread (the open {@link OptimoveContext} scope, else
 * the {@link CustomerIdResolver}, such as Spring Security's principal) and opens it as a scope
 * around the task; an ID in the method's own arguments still wins.
 *
 * <p>The starter registers one as a bean, and Spring Boot applies every {@code TaskDecorator} bean
 * to the executors it builds (the application task executor behind {@code @Async}), beside the
 * application's own. For an executor of your own, wrap its tasks: {@code
 * executor.execute(decorator.decorate(task))}, or set it with {@code setTaskDecorator}.
 */
public final class OptimoveTaskDecorator implements TaskDecorator {
  private final Supplier<CustomerIdResolver> resolver;

  /**
   * @param resolver gives the application's resolver, or {@code null} when it has none; asked at
   *     each submission
   */
  public OptimoveTaskDecorator(Supplier<CustomerIdResolver> resolver) {
    this.resolver = resolver;
  }

  @Override
  public Runnable decorate(Runnable task) {
    String customer = OptimoveContext.currentCustomerId();
    String visitor = OptimoveContext.currentVisitorId();
    if (customer == null && visitor == null) {
      CustomerIdResolver r = resolver.get();
      if (r != null) {
        try {
          customer = r.currentCustomerId();
          visitor = customer == null ? r.currentVisitorId() : null;
        } catch (RuntimeException e) {
          // The aspect counts a failing resolver when the event is reported; the task must run.
          customer = null;
          visitor = null;
        }
      }
    }
    if (customer == null && visitor == null) {
      return task;
    }
    String c = customer;
    String v = visitor;
    return () -> {
      try (OptimoveContext.Scope scope = OptimoveContext.of(c, v)) {
        task.run();
      }
    };
  }
}
