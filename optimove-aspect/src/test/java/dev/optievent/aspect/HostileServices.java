package dev.optievent.aspect;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** Woven services whose reporting fails in ways the business caller must never see. */
class HostileServices {

  /** A value whose getter throws an Error. */
  static final class Overflowing {
    public String getName() {
      throw new StackOverflowError();
    }
  }

  /**
   * A stage that runs its callback inside {@code complete} and lets whatever the callback throws
   * out to the completing code, as a hand-written stage may.
   */
  static final class BareStage<T> extends CompletableFuture<T> {
    private BiConsumer<? super T, ? super Throwable> action;

    @Override
    public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
      this.action = action;
      return this;
    }

    @Override
    public boolean complete(T value) {
      boolean done = super.complete(value);
      if (action != null) {
        action.accept(value, null);
      }
      return done;
    }
  }

  /** A value whose getter reports an event of its own, through {@link #describe}. */
  static final class Chatty {
    private final HostileServices services;

    Chatty(HostileServices services) {
      this.services = services;
    }

    public String getName() {
      services.describe("c-1", this);
      return "chatty";
    }
  }

  @OptimoveEvent(name = "described")
  public void describe(
      @CustomerId String customerId, @EventParam(value = "name", path = "name") Chatty value) {}

  @OptimoveEvent(name = "described_later")
  @EventParam(value = "name", path = "name")
  public CompletionStage<Chatty> describeLater(
      @CustomerId String customerId, CompletionStage<Chatty> outcome) {
    return outcome;
  }

  /** Never called elsewhere, so its plan is built (and its problem logged) in the test. */
  @OptimoveEvent(name = " ")
  public String blankKey(@CustomerId String customerId) {
    return "business result";
  }

  @OptimoveEvent(name = "overflowing_result")
  @EventParam(value = "name", path = "name")
  public CompletionStage<Overflowing> later(
      @CustomerId String customerId, CompletionStage<Overflowing> outcome) {
    return outcome;
  }
}
