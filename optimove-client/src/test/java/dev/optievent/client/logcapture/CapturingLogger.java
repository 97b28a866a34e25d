package dev.optievent.client.logcapture;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that writes through slf4j-simple as before and also records each line for the {@link
 * LogCapture}s that listen to its name. While one listens, DEBUG and above are enabled for it.
 */
final class CapturingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient Logger delegate;

  CapturingLogger(String name, Logger delegate) {
    this.name = name;
    this.delegate = delegate;
  }

  @Override
  public boolean isTraceEnabled() {
    return delegate.isTraceEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return LogCapture.listensTo(name) || delegate.isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return LogCapture.listensTo(name) || delegate.isInfoEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return LogCapture.listensTo(name) || delegate.isWarnEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return LogCapture.listensTo(name) || delegate.isErrorEnabled();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    LogCapture.record(
        new LogLine(level, name, message, Thread.currentThread().getName(), throwable));
    switch (level) {
      case ERROR -> {
        if (delegate.isErrorEnabled()) {
          delegate.error(message, throwable);
        }
      }
      case WARN -> {
        if (delegate.isWarnEnabled()) {
          delegate.warn(message, throwable);
        }
      }
      case INFO -> {
        if (delegate.isInfoEnabled()) {
          delegate.info(message, throwable);
        }
      }
      case DEBUG -> {
        if (delegate.isDebugEnabled()) {
          delegate.debug(message, throwable);
        }
      }
      default -> {
        if (delegate.isTraceEnabled()) {
          delegate.trace(message, throwable);
        }
      }
    }
  }
}
