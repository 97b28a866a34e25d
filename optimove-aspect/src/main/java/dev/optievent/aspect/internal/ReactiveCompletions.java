package dev.optievent.aspect.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decorates what a reactive method returned so that its call is reported when its work completes:
 * once per call whatever the number of subscribers, on the first successful terminal signal. An
 * error or a cancel sends nothing (the work did not happen, as when a method throws), and neither
 * does a publisher nobody subscribes to. Loaded only for methods that return these types, so
 * Reactor stays optional. Internal.
 */
final class ReactiveCompletions {
  private ReactiveCompletions() {}

  /** A {@code Mono}: its value (or {@code null} when empty) is the return value. */
  static Object mono(Call call, Object result) {
    AtomicBoolean reported = new AtomicBoolean();
    return ((Mono<?>) result)
        .doOnSuccess(
            value -> {
              if (reported.compareAndSet(false, true)) {
                EventReporter.finishLater(call, value, null);
              }
            });
  }

  /** A {@code Flux}: reported when it completes; it has no single value to read parameters from. */
  static Object flux(Call call, Object result) {
    AtomicBoolean reported = new AtomicBoolean();
    return ((Flux<?>) result)
        .doOnComplete(
            () -> {
              if (reported.compareAndSet(false, true)) {
                EventReporter.finishLater(call, null, null);
              }
            });
  }

  /** A plain {@code Publisher} (Reactor not needed): reported when it completes, as a Flux. */
  static Object publisher(Call call, Object result) {
    return new CompletionReporting<>((Publisher<?>) result, call);
  }

  /** A publisher that reports its call on the first {@code onComplete} of any subscriber. */
  private static final class CompletionReporting<T> implements Publisher<T> {
    private final Publisher<T> source;
    private final Call call;
    private final AtomicBoolean reported = new AtomicBoolean();

    CompletionReporting(Publisher<T> source, Call call) {
      this.source = source;
      this.call = call;
    }

    @Override
    public void subscribe(Subscriber<? super T> downstream) {
      Objects.requireNonNull(downstream, "subscriber"); // Reactive Streams rule 1.9
      source.subscribe(
          new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
              downstream.onSubscribe(subscription);
            }

            @Override
            public void onNext(T item) {
              downstream.onNext(item);
            }

            @Override
            public void onError(Throwable error) {
              downstream.onError(error);
            }

            @Override
            public void onComplete() {
              if (reported.compareAndSet(false, true)) {
                EventReporter.finishLater(call, null, null);
              }
              downstream.onComplete();
            }
          });
    }
  }
}
