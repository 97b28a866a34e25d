package dev.optievent.aspect.internal;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decorates what a reporting method returned when it is an RxJava 3 type, by the rules of {@link
 * ReactiveCompletions}: once per call, on the first successful completion; never for an error, a
 * disposal or a source nobody subscribes to. RxJava has no context to carry an identity: the call's
 * is the one read on the calling thread. Loaded only for methods that return these types, so that
 * RxJava stays optional. Internal.
 */
final class RxJavaCompletions {
  private RxJavaCompletions() {}

  /** A {@code Single} or a {@code Maybe}: its value (a {@code Maybe} may complete empty: null). */
  static Object withValue(Call call, Object result) {
    AtomicBoolean reported = new AtomicBoolean();
    if (result instanceof Single<?> single) {
      return single.doOnSuccess(value -> finishOnce(reported, call, value));
    }
    return ((Maybe<?>) result)
        .doOnSuccess(value -> finishOnce(reported, call, value))
        .doOnComplete(() -> finishOnce(reported, call, null));
  }

  /** A {@code Completable}, {@code Flowable} or {@code Observable}: reported when it completes. */
  static Object withoutValue(Call call, Object result) {
    AtomicBoolean reported = new AtomicBoolean();
    if (result instanceof Completable completable) {
      return completable.doOnComplete(() -> finishOnce(reported, call, null));
    }
    if (result instanceof Flowable<?> flowable) {
      return flowable.doOnComplete(() -> finishOnce(reported, call, null));
    }
    return ((Observable<?>) result).doOnComplete(() -> finishOnce(reported, call, null));
  }

  private static void finishOnce(AtomicBoolean reported, Call call, Object value) {
    if (reported.compareAndSet(false, true)) {
      EventReporter.finishLater(call, value, null);
    }
  }
}
