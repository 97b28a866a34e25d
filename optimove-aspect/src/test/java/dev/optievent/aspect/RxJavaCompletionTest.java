package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.client.Reasons;
import dev.optievent.testing.ReceivedEvent;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.SingleSubject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Woven methods that return RxJava 3 types: the rules of {@link ReactiveCompletionTest}. */
class RxJavaCompletionTest {
  private final ReportingFixture fixture = new ReportingFixture();
  private final Orders orders = new Orders();

  record Receipt(String orderId, int total) {}

  /** Woven: each method returns the work it is given. */
  static class Orders {
    @OptimoveEvent(name = "order_placed")
    @EventParam(value = "total", path = "total")
    public Single<Receipt> place(@CustomerId String customer, Single<Receipt> work) {
      return work;
    }

    @OptimoveEvent(name = "order_found")
    @EventParam("order_id")
    public Maybe<String> find(@CustomerId String customer, Maybe<String> work) {
      return work;
    }

    @OptimoveEvent(name = "order_cancelled")
    public Completable cancel(@CustomerId String customer, Completable work) {
      return work;
    }

    @OptimoveEvent(name = "orders_exported")
    public Flowable<String> export(@CustomerId String customer, Flowable<String> rows) {
      return rows;
    }

    @OptimoveEvent(name = "orders_watched")
    public Observable<String> watch(@CustomerId String customer, Observable<String> rows) {
      return rows;
    }

    @OptimoveEvent(name = "rows_counted")
    @EventParam("rows")
    public Flowable<String> count(@CustomerId String customer, Flowable<String> rows) {
      return rows;
    }
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void aSingleIsReportedOnceWhenItSucceedsWithItsValue() {
    SingleSubject<Receipt> work = SingleSubject.create();
    Single<Receipt> placed = orders.place("c-1", work);
    placed.subscribe(r -> {}, e -> {});
    placed.subscribe(r -> {}, e -> {});
    assertThat(fixture.client.stats().accepted()).isZero();

    work.onSuccess(new Receipt("o-1", 42));

    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).customer()).isEqualTo("c-1");
    assertThat(events.get(0).context()).containsEntry("total", 42);
  }

  @Test
  void aMaybeIsReportedWithItsValueOrEmpty() {
    orders.find("c-2", Maybe.just("o-2")).blockingGet();
    orders.find("c-3", Maybe.empty()).blockingGet();

    assertThat(fixture.flushed())
        .extracting(e -> e.customer() + ":" + e.context().get("order_id"))
        .containsExactlyInAnyOrder("c-2:o-2", "c-3:null");
  }

  @Test
  void completableFlowableAndObservableAreReportedOnCompletion() {
    orders.cancel("c-4", Completable.complete()).blockingAwait();
    orders.export("c-4", Flowable.just("a", "b")).blockingLast();
    orders.watch("c-4", Observable.just("a", "b")).blockingLast();

    assertThat(fixture.flushed())
        .extracting(ReceivedEvent::event)
        .containsExactlyInAnyOrder("order_cancelled", "orders_exported", "orders_watched");
  }

  @Test
  void errorsDisposalsAndUnsubscribedSourcesSendNothing() {
    Single<Receipt> failed = orders.place("c-5", Single.error(new IllegalStateException("no")));
    assertThatThrownBy(failed::blockingGet).hasMessageContaining("no");
    SingleSubject<Receipt> work = SingleSubject.create();
    Disposable subscription = orders.place("c-5", work).subscribe(r -> {}, e -> {});
    subscription.dispose();
    work.onSuccess(new Receipt("o-5", 5));
    orders.cancel("c-5", Completable.complete());
    assertThat(orders.export("c-5", Flowable.just("a", "b")).take(1).blockingLast()).isEqualTo("a");

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped()).isZero();
  }

  @Test
  void aReturnValueParameterOnAFlowableIsAnAnnotationError() {
    assertThat(orders.count("c-6", Flowable.just("a")).blockingLast()).isEqualTo("a");

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.INVALID_ANNOTATION)).isEqualTo(1);
  }
}
