package dev.optievent.aspect;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Teaches the aspect when the work of a method completes, for a return type it does not know: a
 * future or a lazy value of another library (Guava's {@code ListenableFuture}, Vert.x's {@code
 * Future}, Mutiny's {@code Uni}). It knows {@code CompletionStage}, Reactor's {@code Mono} and
 * {@code Flux}, Reactive Streams' {@code Publisher}, RxJava 3's types and Kotlin's suspend
 * functions itself, and these come first. Register a strategy with {@link
 * CompletionStrategies#register} at start-up, or list it in {@code
 * META-INF/services/dev.optievent.aspect.CompletionStrategy}.
 *
 * <p>The rules the built-in strategies follow, and a strategy should too: tell {@link
 * WorkDone#succeeded} when the work completes successfully (the aspect sends at most one event per
 * call, whatever it is told); never for a failure or a cancellation; and never throw to the
 * business code.
 *
 * <p><b>In place or decorated.</b> A strategy that observes the returned object in place (a
 * callback on a future) works with every way of intercepting. One that must hand the caller another
 * object (a lazy type whose work runs per subscription) works through Spring proxies and for woven
 * methods that return Reactor or Reactive Streams types only: other woven methods cannot replace
 * what they return, so their calls are dropped as {@code invalid_annotation}, with a message that
 * says so.
 */
public interface CompletionStrategy {

  /**
   * @param returnType a method's declared return type
   * @return whether this strategy waits for methods that return it
   */
  boolean supports(Class<?> returnType);

  /**
   * Arranges for {@code done} to be told when the work behind {@code returned} completes
   * successfully.
   *
   * @param returned what the method returned (not {@code null})
   * @param done what to tell of the outcome
   * @return what the method's caller gets: {@code returned} itself, or an object of the method's
   *     declared return type that does the same work and tells {@code done}
   */
  Object whenComplete(Object returned, WorkDone done);

  /**
   * What the work completes with, for {@code @EventParam} paths on the method: by default the first
   * type argument of the declared return type ({@code T} of {@code Future<T>}); {@code Void} for
   * work that completes without a value.
   *
   * @param declared the method's generic return type
   * @return the type of the value passed to {@link WorkDone#succeeded}
   */
  default Type valueType(Type declared) {
    if (declared instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments().length > 0) {
      return parameterized.getActualTypeArguments()[0];
    }
    return Object.class;
  }

  /** Told when the work completes. */
  interface WorkDone {
    /**
     * The work completed successfully; reports the call (once: later calls do nothing). Never
     * throws.
     *
     * @param value what it completed with (the return value for {@code @EventParam} paths), or
     *     {@code null}
     */
    void succeeded(Object value);
  }
}
