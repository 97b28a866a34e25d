package dev.optievent.client.internal.wire;

/**
 * An event cannot be written as Optimove JSON (e.g. a NaN parameter): it is rejected with {@link
 * #reason()} and never sent. Internal.
 */
public final class InvalidPayloadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param reason the snake_case rejection reason, e.g. {@code invalid_number}
   * @param message what is wrong, naming the event key and parameter, never an ID
   */
  public InvalidPayloadException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /**
   * @return the snake_case rejection reason
   */
  public String reason() {
    return reason;
  }
}
