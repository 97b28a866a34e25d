package dev.optievent.aspect.internal;

/** An annotation on a reporting method cannot work as written; the message says what to change. */
public final class PlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PlanException(String message) {
    super(message);
  }
}
