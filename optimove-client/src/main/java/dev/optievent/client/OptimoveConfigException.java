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

  /**
   * The property of the setting concerned, once known: set by the settings table, read by
   * front-ends (the Spring Boot failure analysis names the property to set).
   */
  private volatile String propertyName;

  /**
   * The Spring-style property of the setting this exception is about, such as {@code
   * optimove.endpoint}, when it is about one setting.
   *
   * @return the property name, or empty
   */
  public java.util.Optional<String> propertyName() {
    return java.util.Optional.ofNullable(propertyName);
  }

  /** Records the setting concerned, unless one is recorded already; returns this exception. */
  OptimoveConfigException concerning(Setting<?> setting) {
    if (propertyName == null) {
      propertyName = setting.propertyName();
    }
    return this;
  }
}
