package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.client.ClientStats;
import dev.optievent.client.Reasons;
import dev.optievent.testing.ReceivedEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.ParallelFlux;
import reactor.core.publisher.Sinks;

/**
 * Woven methods that return a {@code Mono}, a {@code Flux} or a {@code Publisher}: reported once
 * per call when what they return first completes, with the identity of the call and the completed
 * value's properties; never for errors, cancels or publishers nobody subscribes to.
 */
class ReactiveCompletionTest {
  private static final DateTimeFormatter SENT_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'");

  private final ReportingFixture fixture = new ReportingFixture();
  private final Orders orders = new Orders();

  record Receipt(String orderId, int total) {}

  /** Woven: each method returns the work it is given. */
  static class Orders {
    @OptimoveEvent(name = "order_placed")
    @EventParam(value = "order_id", path = "orderId")
    @EventParam(value = "total", path = "total")
    public Mono<Receipt> place(
        @CustomerId String customer, @EventParam("carrier") String carrier, Mono<Receipt> work) {
      return work;
    }

    @OptimoveEvent(name = "order_cancelled")
    public Mono<Void> cancel(Mono<Void> work) {
      return work;
    }

    @OptimoveEvent(name = "orders_exported")
    public Flux<String> export(@CustomerId String customer, Flux<String> rows) {
      return rows;
    }

    @OptimoveEvent(name = "feed_read")
    public Publisher<String> feed(@CustomerId String customer, Publisher<String> rows) {
      return rows;
    }

    @OptimoveEvent(name = "rows_counted")
    @EventParam(value = "rows", path = "length")
    public Flux<String> countRows(@CustomerId String customer, Flux<String> rows) {
      return rows;
    }

    @OptimoveEvent(name = "rows_split")
    public ParallelFlux<String> split(@CustomerId String customer, Flux<String> rows) {
      return rows.parallel();
    }

    @OptimoveEvent(name = "order_failed")
    public Mono<Receipt> failAtOnce(@CustomerId String customer) {
      throw new IllegalStateException("refused before any Mono");
    }
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void aMonoIsReportedWhenItCompletesWithItsValuesPropertiesNotWhenItIsReturned() {
    Sinks.One<Receipt> work = Sinks.one();
    Mono<Receipt> placed = orders.place("c-1", "ups", work.asMono());
    placed.subscribe();
    assertThat(fixture.client.stats().accepted()).isZero();

    Instant beforeCompletion = waitForTheClockToMove();
    work.tryEmitValue(new Receipt("o-9", 42));

    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).hasSize(1);
    ReceivedEvent event = events.get(0);
    assertThat(event.event()).isEqualTo("order_placed");
    assertThat(event.customer()).isEqualTo("c-1");
    assertThat(event.context())
        .containsEntry("carrier", "ups")
        .containsEntry("order_id", "o-9")
        .containsEntry("total", 42);
    Instant sentAt = LocalDateTime.parse(event.timestamp(), SENT_AT).toInstant(ZoneOffset.UTC);
    assertThat(sentAt).isAfterOrEqualTo(beforeCompletion.minusMillis(1));
  }

  @Test
  void aMonoNobodySubscribesToSendsNothing() {
    orders.place("c-1", "ups", Mono.just(new Receipt("o-1", 1)));

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped()).isZero();
  }

  @Test
  void aMonoSubscribedTwiceIsReportedOnce() {
    Mono<Receipt> placed = orders.place("c-1", "ups", Mono.just(new Receipt("o-1", 1)));

    assertThat(placed.block()).isEqualTo(new Receipt("o-1", 1));
    assertThat(placed.block()).isEqualTo(new Receipt("o-1", 1));

    assertThat(fixture.flushed()).hasSize(1);
  }

  @Test
  void anEmptyMonoIsReportedOnCompletion() {
    OptimoveContext.Scope scope = OptimoveContext.customer("c-2");
    Mono<Void> cancelled;
    try {
      cancelled = orders.cancel(Mono.empty());
    } finally {
      scope.close();
    }
    // Subscribed after the scope closed: the identity is the call's, read when it was made.
    cancelled.block();

    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).extracting(ReceivedEvent::event).containsExactly("order_cancelled");
    assertThat(events.get(0).customer()).isEqualTo("c-2");
  }

  @Test
  void aMonoThatFailsSendsNothingAndDropsNothing() {
    Mono<Receipt> placed = orders.place("c-1", "ups", Mono.error(new IllegalStateException("no")));

    assertThatThrownBy(placed::block).hasMessageContaining("no");

    assertThat(fixture.flushed()).isEmpty();
    ClientStats stats = fixture.client.stats();
    assertThat(stats.accepted()).isZero();
    assertThat(stats.dropped()).isZero();
  }

  @Test
  void aCancelledMonoSendsNothingEvenIfItsWorkCompletesLater() {
    Sinks.One<Receipt> work = Sinks.one();
    Disposable subscription = orders.place("c-1", "ups", work.asMono()).subscribe();

    subscription.dispose();
    work.tryEmitValue(new Receipt("o-1", 1));

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped()).isZero();
  }

  @Test
  void aFluxIsReportedOnceWhenItCompletesAfterItsLastItem() {
    AtomicReference<Long> acceptedAtLastItem = new AtomicReference<>();
    Flux<String> exported =
        orders
            .export("c-3", Flux.just("a", "b", "c"))
            .doOnNext(
                row -> {
                  if (row.equals("c")) {
                    acceptedAtLastItem.compareAndSet(null, fixture.client.stats().accepted());
                  }
                });

    assertThat(exported.collectList().block()).containsExactly("a", "b", "c");
    exported.blockLast();

    assertThat(acceptedAtLastItem.get()).isZero();
    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).extracting(ReceivedEvent::event).containsExactly("orders_exported");
    assertThat(events.get(0).customer()).isEqualTo("c-3");
  }

  @Test
  void aFluxThatFailsOrIsCutShortSendsNothing() {
    Flux<String> failing =
        orders.export("c-3", Flux.just("a").concatWith(Flux.error(new IllegalStateException())));
    assertThatThrownBy(failing::blockLast).isInstanceOf(IllegalStateException.class);

    // take(1) cancels the rest: the export did not complete.
    assertThat(orders.export("c-3", Flux.just("a", "b")).take(1).collectList().block())
        .containsExactly("a");

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped()).isZero();
  }

  @Test
  void aPlainPublisherIsReportedWhenItCompletes() {
    Publisher<String> feed = orders.feed("c-4", Flux.just("x", "y"));
    assertThat(fixture.client.stats().accepted()).isZero();

    assertThat(Flux.from(feed).collectList().block()).containsExactly("x", "y");
    assertThat(Flux.from(feed).collectList().block()).containsExactly("x", "y");

    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).extracting(ReceivedEvent::event).containsExactly("feed_read");
    assertThat(events.get(0).customer()).isEqualTo("c-4");
  }

  @Test
  void aReturnValueParameterOnAFluxIsAnAnnotationErrorAndTheFluxIsUntouched() {
    assertThat(orders.countRows("c-5", Flux.just("a", "b")).collectList().block())
        .containsExactly("a", "b");

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.INVALID_ANNOTATION)).isEqualTo(1);
  }

  @Test
  void aPublisherThatCannotBeDecoratedIsAnAnnotationErrorAndIsReturnedAsItIs() {
    ParallelFlux<String> split = orders.split("c-5", Flux.just("a", "b"));

    assertThat(split.sequential().collectList().block()).containsExactlyInAnyOrder("a", "b");
    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.INVALID_ANNOTATION)).isEqualTo(1);
  }

  @Test
  void aNullMonoIsDroppedWithItsReasonAndTheCallerGetsNull() {
    assertThat(orders.place("c-1", "ups", null)).isNull();

    assertThat(fixture.client.stats().dropped(Reasons.NULL_COMPLETION_STAGE)).isEqualTo(1);
  }

  @Test
  void anExceptionFromTheMethodReachesTheCallerUntouched() {
    assertThatThrownBy(() -> orders.failAtOnce("c-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("refused before any Mono");

    assertThat(fixture.client.stats().dropped()).isZero();
    assertThat(fixture.client.stats().accepted()).isZero();
  }

  /** Returns a time that the clock has passed by 20 ms, so that a timestamp can be told apart. */
  private static Instant waitForTheClockToMove() {
    Instant mark = Instant.now();
    await().until(() -> Instant.now().isAfter(mark.plusMillis(20)));
    return Instant.now();
  }
}
