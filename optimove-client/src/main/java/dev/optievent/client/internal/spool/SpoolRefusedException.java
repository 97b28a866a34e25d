package dev.optievent.client.internal.spool;

/** The spool directory is not private to this user: its message says what to change. */
final class SpoolRefusedException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  SpoolRefusedException(String message) {
    super(message);
  }
}
