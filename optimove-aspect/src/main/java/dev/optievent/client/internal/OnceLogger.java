package dev.optievent.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs the first occurrence of each problem key at WARN and its repeats at DEBUG, so that a
 * problem is visible once without flooding the log. Internal: not for use outside this library.
 */
public final class OnceLogger {
  private static final int MAX_KEYS = 10_000;

  private final Logger log;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /**
   * @param log where to log
   */
  public OnceLogger(Logger log) {
    this.log = log;
  }

  /**
   * Logs at WARN the first time {@code key} is seen, at DEBUG afterwards.
   *
   * @param key what identifies the problem (e.g. reason and event key)
   * @param format an SLF4J format
   * @param args its arguments (a trailing Throwable is logged as the cause)
   */
  public void warn(String key, String format, Object... args) {
    // Past MAX_KEYS distinct problems, new ones go to DEBUG: the set must not grow without bound.
    boolean first = seen.size() < MAX_KEYS && seen.add(key);
    if (first) {
      log.warn(format + " (repeats of this problem are logged at DEBUG)", args);
    } else if (log.isDebugEnabled()) {
      log.debug(format, args);
    }
  }
}
