package dev.optievent.aspect.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A plain Reactive Streams {@code Publisher} that reports its call on the first {@code onComplete}
 * of any subscriber. Apart from Reactor, so that it works (and loads) without it; the identity is
 * the call's, as a plain publisher has no context to read one from.
 */
final class CompletionReportingPublisher<T> implements Publisher<T> {
  private final Publisher<T> source;
  private final Call call;
  private final AtomicBoolean reported = new AtomicBoolean();

  /** {@code result}, a {@code Publisher}, decorated to report {@code call}. */
  static Object decorate(Call call, Object result) {
    return new CompletionReportingPublisher<>((Publisher<?>) result, call);
  }

  private CompletionReportingPublisher(Publisher<T> source, Call call) {
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
