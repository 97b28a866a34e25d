package dev.optievent.client.internal;

/**
 * Hears what a client's delivery does, for metrics. Registered with {@link
 * ClientAccess#observe(dev.optievent.client.OptimoveClient, DeliveryObserver)}.
 *
 * <p>{@link #exchange} and {@link #settled} run on the library's threads only (sender, request and
 * retry threads, and the thread that closes the client, for the events it gives up): never on a
 * thread that called {@code send()}, whose cost must not change. Events refused or evicted on the
 * calling thread are counted by the client but not reported here. {@link #reasonAppeared} is the
 * exception: it runs once per reason code in a client's life, on whichever thread counted it first,
 * a calling thread included.
 *
 * <p>Keep every callback short and non-blocking: the delivery threads wait for it. What it throws
 * is caught and logged once; delivery goes on. Internal: not for use outside this library; may
 * change without notice.
 */
public interface DeliveryObserver {

  /** How an event settled. */
  enum Outcome {
    /** Optimove took it. */
    DELIVERED,
    /** Refused for good, by a rule or by Optimove. */
    REJECTED,
    /** Given up for any other reason. */
    DROPPED
  }

  /**
   * A reason code was counted for the first time by this client: the counter it is read from exists
   * from now on ({@link ClientCounters#rejected(String)} or {@link
   * ClientCounters#dropped(String)}). Called once per outcome and reason, after the first count.
   *
   * @param outcome {@link Outcome#REJECTED} or {@link Outcome#DROPPED}
   * @param reason the code
   */
  default void reasonAppeared(Outcome outcome, String reason) {}

  /**
   * One HTTP exchange ended, answered or not.
   *
   * @param status the HTTP status, or 0 if no answer came
   * @param timedOut with status 0: whether the deadline passed (as opposed to another failure)
   * @param eventKey the key of the event sent
   * @param nanos how long the exchange took, request to the last byte read
   */
  default void exchange(int status, boolean timedOut, String eventKey, long nanos) {}

  /**
   * An event that went through the queue settled.
   *
   * @param outcome how
   * @param reason the reason code, {@code null} for a delivered event
   * @param eventKey the event's key
   * @param nanosSinceAccepted from its acceptance by {@code send()} to now
   */
  default void settled(Outcome outcome, String reason, String eventKey, long nanosSinceAccepted) {}
}
