package dev.optievent.client;

/**
 * A setting of {@link OptimoveConfig} is missing or invalid. The message names the setting (its
 * builder method and environment variable) and what is wrong with the value.
 */
public final class OptimoveConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the setting and the value's problem
   */
  public OptimoveConfigException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the cause that made the value unreadable.
   *
   * @param message names the setting and the value's problem
   * @param cause the parse failure
   */
  public OptimoveConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
