package dev.optievent.aspect.internal;

import dev.optievent.client.Reasons;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * When a reporting method's work is over, and so when its event is sent: at once for a plain
 * method, or when a returned {@code CompletionStage} completes normally (never if it completes
 * exceptionally or is cancelled: nothing happened worth reporting).
 */
enum Completion {
  /** The method's work ended when it returned. */
  SYNC {
    @Override
    void whenDone(Call call, Object result, TransactionHold hold) {
      call.finish(result, hold);
    }
  },

  /** The method returned a {@code CompletionStage}: its completed value is the return value. */
  STAGE {
    @Override
    void whenDone(Call call, Object result, TransactionHold hold) {
      if (!(result instanceof CompletionStage<?> stage)) {
        call.drop(
            Reasons.NULL_COMPLETION_STAGE,
            new IllegalStateException(
                call.plan.methodName + " returned null instead of a CompletionStage"));
        return;
      }
      // Fast path: a future that is already complete needs no callback.
      if (stage instanceof CompletableFuture<?> future
          && future.isDone()
          && !future.isCompletedExceptionally()) {
        call.finish(future.join(), hold);
        return;
      }
      Thread caller = Thread.currentThread();
      stage.whenComplete(
          (value, error) -> {
            if (error == null) {
              // Another thread's transaction is not the call's: it does not hold the event.
              EventReporter.finishLater(
                  call, value, Thread.currentThread() == caller ? hold : null);
            }
          });
    }
  };

  /**
   * Sends the call's event when the method's work is over.
   *
   * @param call the call, with identity and argument values read
   * @param result what the method returned
   * @param hold the connection's transaction hold, or {@code null}
   */
  abstract void whenDone(Call call, Object result, TransactionHold hold);

  static Completion of(boolean returnsStage) {
    return returnsStage ? STAGE : SYNC;
  }
}
