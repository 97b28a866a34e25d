package dev.optievent.aspect.internal;

/**
 * Keeps the events of calls that returned inside a transaction until the transaction ends: sent if
 * it commits, counted as rolled back if not. Implemented by an integration that knows the
 * application's transactions (the Spring Boot starter) and connected with the client ({@link
 * Bridge#connect(dev.optievent.client.OptimoveClient, dev.optievent.aspect.CustomerIdResolver,
 * TransactionHold)}). Asked on the business thread for every event whose method allows it
 * ({@code @OptimoveEvent(afterCommit = true)}, the default), so {@link #active()} must be cheap.
 * Internal.
 */
public interface TransactionHold {

  /**
   * @return whether the calling thread is in a transaction whose end {@link #hold} can wait for
   */
  boolean active();

  /**
   * Keeps {@code event} until the calling thread's transaction ends, then calls exactly one of its
   * {@link HeldEvent#send()}, {@link HeldEvent#rolledBack()} or {@link HeldEvent#drop}; or drops it
   * at once if the transaction holds too many. Called only just after {@link #active()} said {@code
   * true}, on the same thread. Must not throw.
   *
   * @param event the event, captured
   */
  void hold(HeldEvent event);
}
