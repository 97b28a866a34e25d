package dev.optievent.aspect.internal;

import dev.optievent.client.internal.store.PreparedEvent;

/**
 * An event captured at its method's return (identity, values, timestamp) and held by a {@link
 * TransactionHold} until its transaction ends. Its methods never throw; call one of them, once.
 * Internal.
 */
public interface HeldEvent {

  /**
   * @return the event key, for logs
   */
  String eventKey();

  /** The transaction committed: hands the event to the client, with the time it was captured. */
  void send();

  /**
   * Checks the event and writes the request body it will be sent as, for a store that sends it
   * later (the transactional outbox), instead of {@link #send()}. A refused event is counted as the
   * client counts one it refuses.
   *
   * @return the event as it will be sent, or {@code null} if a rule refused it
   */
  PreparedEvent prepare();

  /** The transaction rolled back: counts the event as rolled back, and sends nothing. */
  void rolledBack();

  /**
   * Counts the event as dropped (a hold past its bound, a transaction whose outcome is unknown).
   *
   * @param reason a code from {@link dev.optievent.client.Reasons}
   * @param cause what went wrong, or {@code null}
   */
  void drop(String reason, Throwable cause);
}
