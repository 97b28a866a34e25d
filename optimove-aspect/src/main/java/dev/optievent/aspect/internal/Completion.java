package dev.optievent.aspect.internal;

import dev.optievent.client.Reasons;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When a reporting method's work is over, and so when its event is sent: at once for a plain
 * method; when a returned {@code CompletionStage} completes normally; when a returned {@code Mono},
 * {@code Flux} or {@code Publisher} first completes (see {@link ReactiveCompletions}). Never for
 * work that fails or is cancelled: nothing happened worth reporting.
 */
enum Completion {
  /** The method's work ended when it returned. */
  SYNC {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      call.finish(result, connection.hold);
      return result;
    }
  },

  /** The method returned a {@code CompletionStage}: its completed value is the return value. */
  STAGE {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      if (!(result instanceof CompletionStage<?> stage)) {
        dropNull(call, "a CompletionStage");
        return result;
      }
      // Fast path: a future that is already complete needs no callback.
      if (stage instanceof CompletableFuture<?> future
          && future.isDone()
          && !future.isCompletedExceptionally()) {
        call.finish(future.join(), connection.hold);
        return result;
      }
      Thread caller = Thread.currentThread();
      TransactionHold hold = connection.hold;
      stage.whenComplete(
          (value, error) -> {
            if (error == null) {
              // Another thread's transaction is not the call's: it does not hold the event.
              EventReporter.finishLater(
                  call, value, Thread.currentThread() == caller ? hold : null);
            }
          });
      return result;
    }
  },

  /** A Reactor {@code Mono}: its value, or {@code null} if it completes empty. */
  MONO {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      return result == null
          ? dropNull(call, "a Mono")
          : ReactiveCompletions.mono(call, result, connection.resolver);
    }
  },

  /** A Reactor {@code Flux}: reported on completion, with no return value. */
  FLUX {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      return result == null
          ? dropNull(call, "a Flux")
          : ReactiveCompletions.flux(call, result, connection.resolver);
    }
  },

  /**
   * A Kotlin {@code suspend} function called through a Spring proxy: Spring (6.1+, with
   * kotlinx-coroutines-reactor) runs it as a {@code Mono} (a {@code Flux} for a {@code Flow}) that
   * the interceptor sees, so it completes as one. Woven calls of suspend functions are not reported
   * (see {@link EventReporter}).
   */
  SUSPEND {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      if (result != null && isA(result.getClass(), MONO_TYPE)) {
        return ReactiveCompletions.mono(call, result, connection.resolver);
      }
      if (result != null && isA(result.getClass(), FLUX_TYPE)) {
        return ReactiveCompletions.flux(call, result, connection.resolver);
      }
      call.drop(
          Reasons.INVALID_ANNOTATION,
          new IllegalStateException(
              call.plan.methodName
                  + " is a Kotlin suspend function, and its proxy did not present it as a Mono,"
                  + " so its completion cannot be awaited; add"
                  + " org.jetbrains.kotlinx:kotlinx-coroutines-reactor (Spring 6.1+ then runs"
                  + " suspend functions as a Mono for interceptors)"));
      return result;
    }
  },

  /** RxJava 3's {@code Single} or {@code Maybe}: its value is the return value. */
  RX_VALUE {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      return rx(call, result, true);
    }
  },

  /** RxJava 3's {@code Completable}, {@code Flowable} or {@code Observable}: on completion. */
  RX_DONE {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      return rx(call, result, false);
    }
  },

  /** A type a registered {@link dev.optievent.aspect.CompletionStrategy} waits for. */
  CUSTOM {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      if (result == null) {
        return dropNull(call, "a " + call.plan.method.getReturnType().getSimpleName());
      }
      AtomicBoolean reported = new AtomicBoolean();
      Thread caller = Thread.currentThread();
      TransactionHold hold = connection.hold;
      return call.plan.strategy.whenComplete(
          result,
          value -> {
            if (reported.compareAndSet(false, true)) {
              // As for a stage: only the calling thread's transaction may hold the event.
              EventReporter.finishLater(
                  call, value, Thread.currentThread() == caller ? hold : null);
            }
          });
    }
  },

  /** A Reactive Streams {@code Publisher}: as a Flux, without Reactor. */
  PUBLISHER {
    @Override
    Object whenDone(Call call, Object result, Bridge.Connection connection) {
      return result == null
          ? dropNull(call, "a Publisher")
          : CompletionReportingPublisher.decorate(call, result);
    }
  };

  static final String MONO_TYPE = "reactor.core.publisher.Mono";
  static final String FLUX_TYPE = "reactor.core.publisher.Flux";
  static final String PUBLISHER_TYPE = "org.reactivestreams.Publisher";
  static final String CONTINUATION_TYPE = "kotlin.coroutines.Continuation";
  private static final String RX = "io.reactivex.rxjava3.core.";

  /**
   * Sends the call's event when the method's work is over.
   *
   * @param call the call, with identity and argument values read
   * @param result what the method returned
   * @param connection the client, resolver and transaction hold the call reports with
   * @return what the caller gets: {@code result}, or for a publisher one that reports its call
   */
  abstract Object whenDone(Call call, Object result, Bridge.Connection connection);

  /** Whether the method's work goes on after it returns. */
  boolean later() {
    return this != SYNC;
  }

  /** Whether the work ends with a value that parameters may read. */
  boolean hasValue() {
    return this != FLUX && this != PUBLISHER && this != RX_DONE;
  }

  /**
   * How a method returning {@code type} completes, or {@code null} for a publisher of another type
   * (a {@code ParallelFlux}): what the caller gets must stay of the declared type, so only {@code
   * Mono}, {@code Flux}, {@code Publisher} and RxJava 3's {@code Single}, {@code Maybe}, {@code
   * Completable}, {@code Flowable} and {@code Observable} themselves can be decorated. Recognised
   * by name: Reactor and RxJava stay optional.
   */
  static Completion of(Class<?> type) {
    if (CompletionStage.class.isAssignableFrom(type)) {
      return STAGE;
    }
    switch (type.getName()) {
      case MONO_TYPE:
        return MONO;
      case FLUX_TYPE:
        return FLUX;
      case PUBLISHER_TYPE:
        return PUBLISHER;
      case RX + "Single", RX + "Maybe":
        return RX_VALUE;
      case RX + "Completable", RX + "Flowable", RX + "Observable":
        return RX_DONE;
      default:
        return isPublisher(type) ? null : SYNC;
    }
  }

  /** Whether {@code type} is or extends the Reactive Streams {@code Publisher}. */
  static boolean isPublisher(Class<?> type) {
    return isA(type, PUBLISHER_TYPE);
  }

  /** Whether {@code type} is or extends the class or interface named {@code name}. */
  static boolean isA(Class<?> type, String name) {
    if (type == null) {
      return false;
    }
    if (type.getName().equals(name) || isA(type.getSuperclass(), name)) {
      return true;
    }
    for (Class<?> i : type.getInterfaces()) {
      if (isA(i, name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code method} is a Kotlin {@code suspend} function: its last parameter says so. */
  static boolean isSuspending(java.lang.reflect.Method method) {
    Class<?>[] types = method.getParameterTypes();
    return types.length > 0 && types[types.length - 1].getName().equals(CONTINUATION_TYPE);
  }

  private static Object rx(Call call, Object result, boolean withValue) {
    if (result == null) {
      return dropNull(call, "an RxJava " + call.plan.method.getReturnType().getSimpleName());
    }
    return withValue
        ? RxJavaCompletions.withValue(call, result)
        : RxJavaCompletions.withoutValue(call, result);
  }

  private static Object dropNull(Call call, String what) {
    call.drop(
        Reasons.NULL_COMPLETION_STAGE,
        new IllegalStateException(call.plan.methodName + " returned null instead of " + what));
    return null;
  }
}
