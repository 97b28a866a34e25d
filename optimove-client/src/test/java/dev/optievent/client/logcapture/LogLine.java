package dev.optievent.client.logcapture;

import org.slf4j.event.Level;

/**
 * One line as the logging backend received it.
 *
 * @param level its level
 * @param logger the logger's name
 * @param message the message with its arguments filled in (as the backend writes it)
 * @param thread the name of the thread that logged it
 * @param throwable the logged cause, or {@code null}
 */
public record LogLine(
    Level level, String logger, String message, String thread, Throwable throwable) {

  /**
   * @return the line and its cause's text, as one string to search for what must not be there
   */
  public String fullText() {
    return throwable == null ? message : message + " " + throwable;
  }

  @Override
  public String toString() {
    return level + " [" + thread + "] " + logger + " - " + fullText();
  }
}
