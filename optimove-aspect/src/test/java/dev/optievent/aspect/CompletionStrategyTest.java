package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.aspect.internal.EventReporter;
import dev.optievent.client.Reasons;
import dev.optievent.testing.ReceivedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Return types the aspect does not know, taught by a registered {@link CompletionStrategy}: one
 * that observes the returned object in place works woven; one that hands the caller another object
 * works through a proxy, and a woven call of it is dropped with a reason that says why.
 */
class CompletionStrategyTest {
  private ReportingFixture fixture;
  private final Shop shop = new Shop();

  record Receipt(String orderId, int total) {}

  /** A future of some other library: callbacks on success, never on failure. */
  static final class Promise<T> {
    private final List<Consumer<T>> callbacks = new ArrayList<>();

    synchronized void onSuccess(Consumer<T> callback) {
      callbacks.add(callback);
    }

    void complete(T value) {
      List<Consumer<T>> now;
      synchronized (this) {
        now = List.copyOf(callbacks);
      }
      now.forEach(c -> c.accept(value));
    }
  }

  /** A lazy value of some other library: its work runs at each {@code get()}. */
  static final class Lazy<T> {
    final Supplier<T> work;

    Lazy(Supplier<T> work) {
      this.work = work;
    }

    T get() {
      return work.get();
    }
  }

  static final class PromiseStrategy implements CompletionStrategy {
    @Override
    public boolean supports(Class<?> returnType) {
      return returnType == Promise.class;
    }

    @Override
    public Object whenComplete(Object returned, WorkDone done) {
      ((Promise<?>) returned).onSuccess(done::succeeded);
      return returned;
    }
  }

  static final class LazyStrategy implements CompletionStrategy {
    @Override
    public boolean supports(Class<?> returnType) {
      return returnType == Lazy.class;
    }

    @Override
    public Object whenComplete(Object returned, WorkDone done) {
      Lazy<?> lazy = (Lazy<?>) returned;
      return new Lazy<>(
          () -> {
            Object value = lazy.get();
            done.succeeded(value);
            return value;
          });
    }
  }

  static final class BrokenStrategy implements CompletionStrategy {
    @Override
    public boolean supports(Class<?> returnType) {
      throw new IllegalStateException("broken");
    }

    @Override
    public Object whenComplete(Object returned, WorkDone done) {
      throw new AssertionError("never chosen");
    }
  }

  /** Woven. */
  static class Shop {
    @OptimoveEvent(name = "order_placed")
    @EventParam(value = "total", path = "total")
    public Promise<Receipt> place(@CustomerId String customer, Promise<Receipt> work) {
      return work;
    }

    @OptimoveEvent(name = "shop_visited")
    public String visit(@CustomerId String customer) {
      return "welcome";
    }

    @OptimoveEvent(name = "quote_given")
    @EventParam("quote")
    public Lazy<Integer> quote(@CustomerId String customer, Lazy<Integer> work) {
      return work;
    }
  }

  private final List<CompletionStrategy> registered =
      List.of(new BrokenStrategy(), new PromiseStrategy(), new LazyStrategy());

  @BeforeEach
  void setUp() {
    registered.forEach(CompletionStrategies::register);
    fixture = new ReportingFixture();
  }

  @AfterEach
  void tearDown() {
    registered.forEach(CompletionStrategies::unregister);
    fixture.close();
  }

  @Test
  void aStrategyThatObservesInPlaceReportsAWovenCallOnceWhenItsWorkCompletes() {
    Promise<Receipt> work = new Promise<>();
    assertThat(shop.place("c-1", work)).isSameAs(work);
    assertThat(fixture.client.stats().accepted()).isZero();

    work.complete(new Receipt("o-1", 42));
    work.complete(new Receipt("o-1", 43));

    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).customer()).isEqualTo("c-1");
    assertThat(events.get(0).context()).containsEntry("total", 42);
  }

  @Test
  void aStrategyThatThrowsIsPassedOverAndOtherMethodsReportAsUsual() {
    assertThat(shop.visit("c-4")).isEqualTo("welcome");

    assertThat(fixture.flushed()).extracting(ReceivedEvent::event).containsExactly("shop_visited");
  }

  @Test
  void workThatNeverCompletesSendsNothing() {
    shop.place("c-1", new Promise<>());

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped()).isZero();
  }

  @Test
  void aDecoratingStrategyIsDroppedWithItsReasonWhenWovenAndTheCallerKeepsItsObject() {
    Lazy<Integer> work = new Lazy<>(() -> 7);

    Lazy<Integer> returned = shop.quote("c-2", work);

    assertThat(returned).isSameAs(work);
    assertThat(returned.get()).isEqualTo(7);
    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.INVALID_ANNOTATION)).isEqualTo(1);
  }

  @Test
  void aDecoratingStrategyWorksThroughAProxy() throws Exception {
    Lazy<Integer> work = new Lazy<>(() -> 9);

    @SuppressWarnings("unchecked")
    Lazy<Integer> returned =
        (Lazy<Integer>)
            EventReporter.returnedThroughProxy(
                Shop.class.getMethod("quote", String.class, Lazy.class),
                new Object[] {"c-3", work},
                work);

    assertThat(returned).isNotSameAs(work);
    assertThat(fixture.client.stats().accepted()).isZero();
    assertThat(returned.get()).isEqualTo(9);
    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).extracting(ReceivedEvent::customer).containsExactly("c-3");
    assertThat(events.get(0).context()).containsEntry("quote", 9);
  }
}
