package dev.optievent.client.internal.store;

/**
 * What becomes of an event a store outside the client handed over ({@link
 * dev.optievent.client.internal.ClientAccess#sendStored}): exactly one of these is called, once, on
 * a thread of the client (a request thread, the sender, or whichever thread closes the client).
 * Implementations must not block: hand database work to a thread of their own. Exceptions are
 * logged and ignored. Internal.
 */
public interface StoredOutcome {

  /** Optimove took it: the store may forget it. */
  void delivered();

  /**
   * Refused for good (by Optimove, or by a rule): the store keeps it as refused, never to be sent.
   *
   * @param reason the reason code
   * @param message Optimove's answer or the rule's explanation, may be {@code null}
   */
  void rejected(String reason, String message);

  /**
   * Not delivered by this client (it closed, its queue was full, the event grew too old in it, the
   * endpoint kept failing): the store keeps it for a later attempt, by this or another instance.
   * Counted as returned, not as dropped: nothing is lost.
   *
   * @param reason the reason code the client would have dropped it with
   * @param detail what happened, may be {@code null}
   */
  void returned(String reason, String detail);
}
