package dev.optievent.client;

/**
 * Hears the final outcome of each event accepted by an {@link OptimoveClient}: exactly one of
 * delivered, rejected or dropped per event.
 *
 * <p>Called on the client's own listener thread, never on the business thread and never on a sender
 * thread: a slow or throwing listener cannot stall or break delivery (exceptions are logged and
 * counted). Implement only the methods you need.
 */
public interface DeliveryListener {

  /**
   * Optimove answered {@code "status":"success"}.
   *
   * @param event the event
   * @param messageId the message id Optimove returned (may be {@code null} if the 2xx body could
   *     not be read)
   */
  default void onDelivered(Event event, String messageId) {}

  /**
   * The event was refused and will not be retried: by Optimove ({@code "status":"error"} or a
   * non-retryable 4xx), or before sending by a validation rule.
   *
   * @param event the event
   * @param reason a stable snake_case code, e.g. {@code server_error} or {@code value_too_long}
   * @param message the server's message or the rule's explanation
   */
  default void onRejected(Event event, String reason, String message) {}

  /**
   * The event was not delivered and never will be: e.g. {@code queue_full}, {@code no_identity},
   * {@code retries_exhausted}, {@code expired}, {@code shutdown}, {@code closed}.
   *
   * @param event the event (its identity fields may be absent)
   * @param reason a stable snake_case code
   */
  default void onDropped(Event event, String reason) {}
}
