package dev.optievent.client.internal;

/** A value whose type cannot be sent as text, number or boolean. Internal. */
public final class UnsupportedValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsupportedValueException(String message) {
    super(message);
  }
}
