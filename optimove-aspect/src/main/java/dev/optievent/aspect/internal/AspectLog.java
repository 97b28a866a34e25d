package dev.optievent.aspect.internal;

import dev.optievent.client.internal.OnceLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the aspect module logs: one logger ({@code dev.optievent.aspect}) and the state of its
 * once-only warnings, kept together so that a test can put a logger of its own in place (a
 * package-private seam) and start from fresh once-only state.
 *
 * <p>Logging never throws from here: a logging backend may (Log4j2 with {@code
 * ignoreExceptions="false"} on a full disk), and the aspect logs on the business caller's thread,
 * whose normal return must not turn into an exception. What the backend throws is dropped.
 * Internal.
 */
public final class AspectLog {
  static final String NAME = "dev.optievent.aspect";

  private static volatile AspectLog current = new AspectLog(LoggerFactory.getLogger(NAME));

  final Logger log;
  final OnceLogger once;
  volatile boolean warnedWithoutClient;

  private AspectLog(Logger log) {
    this.log = log;
    this.once = new OnceLogger(log);
  }

  static AspectLog get() {
    return current;
  }

  /** For tests: log to {@code logger} from now on, with no once-only warning given yet. */
  static void use(Logger logger) {
    current = new AspectLog(logger);
  }

  /** For tests: back to the module's own logger, with no once-only warning given yet. */
  static void reset() {
    use(LoggerFactory.getLogger(NAME));
  }

  /**
   * Logs at WARN the first time {@code key} is seen, at DEBUG afterwards; never throws.
   *
   * @param key what identifies the problem
   * @param format an SLF4J format
   * @param args its arguments (a trailing Throwable is logged as the cause)
   */
  public static void warnOnce(String key, String format, Object... args) {
    try {
      current.once.warn(key, format, args);
    } catch (Throwable backendFailed) {
      // Nowhere left to report it; the caller's return matters more than this line of log.
    }
  }

  /** Logs at WARN; never throws. */
  static void warn(String format, Object... args) {
    try {
      current.log.warn(format, args);
    } catch (Throwable backendFailed) {
      // As in warnOnce.
    }
  }
}
