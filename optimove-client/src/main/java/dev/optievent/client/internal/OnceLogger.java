package dev.optievent.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Logs the first occurrence of each problem at WARN and its repeats at DEBUG, so that a problem is
 * visible once without flooding the log. A problem is identified by a kind and a key (say, a reason
 * code and an event key), looked up without building a string: a repeat costs no allocation and no
 * lock. Internal: not for use outside this library.
 */
public final class OnceLogger {
  private static final int MAX_KEYS = 10_000;

  private final Logger log;
  private final ConcurrentHashMap<String, Set<String>> seen = new ConcurrentHashMap<>();
  private final AtomicInteger keys = new AtomicInteger();

  /**
   * @param log where to log
   */
  public OnceLogger(Logger log) {
    this.log = log;
  }

  /**
   * Whether logging (kind, key) now would only be a repeat that DEBUG, being off, leaves out: the
   * caller can then skip preparing the message's arguments.
   *
   * @param kind what kind of problem (e.g. a reason code)
   * @param key what it concerns (e.g. an event key)
   * @return {@code true} if already warned about and DEBUG is off
   */
  public boolean isQuietRepeat(String kind, String key) {
    Seen last = lastSeen;
    // The same problem again (an outage drops every call of the same method as queue_full): the
    // same String instances, so two reference comparisons stand in for two map lookups.
    if (last != null && last.kind == kind && last.key == key) {
      return !debugEnabled();
    }
    Set<String> keysOfKind = seen.get(kind);
    if (keysOfKind != null && keysOfKind.contains(key)) {
      lastSeen = new Seen(kind, key);
      return !debugEnabled();
    }
    return false;
  }

  /** The (kind, key) last found to be a repeat. */
  private record Seen(String kind, String key) {}

  private volatile Seen lastSeen;

  /**
   * Logs at WARN the first time (kind, key) is seen, at DEBUG afterwards. Never throws: a logging
   * backend that fails (a full disk under Log4j2's {@code ignoreExceptions="false"}) must not turn
   * a reported problem into the caller's exception.
   *
   * @param kind what kind of problem (e.g. a reason code)
   * @param key what it concerns (e.g. an event key)
   * @param format an SLF4J format
   * @param args its arguments (a trailing Throwable is logged as the cause)
   */
  public void warn(String kind, String key, String format, Object... args) {
    try {
      if (markFirst(kind, key)) {
        log.warn(format + " (repeats of this problem are logged at DEBUG)", args);
      } else if (log.isDebugEnabled()) {
        log.debug(format, args);
      }
    } catch (Throwable loggingFailed) {
      // Nowhere left to report it; the problem itself is still counted by the caller.
    }
  }

  private boolean debugEnabled() {
    try {
      return log.isDebugEnabled();
    } catch (Throwable loggingFailed) {
      return false;
    }
  }

  /**
   * Logs at WARN the first time {@code key} is seen, at DEBUG afterwards.
   *
   * @param key what identifies the problem
   * @param format an SLF4J format
   * @param args its arguments (a trailing Throwable is logged as the cause)
   */
  public void warn(String key, String format, Object... args) {
    warn(key, "", format, args);
  }

  private boolean markFirst(String kind, String key) {
    Set<String> keysOfKind = seen.get(kind);
    // Read before adding: adding to a concurrent set locks its bin even when the key is there.
    if (keysOfKind != null && keysOfKind.contains(key)) {
      return false;
    }
    // Past MAX_KEYS distinct problems, new ones go to DEBUG: the sets must not grow without bound.
    if (keys.get() >= MAX_KEYS) {
      return false;
    }
    if (keysOfKind == null) {
      keysOfKind = seen.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet());
    }
    if (keysOfKind.add(key)) {
      keys.incrementAndGet();
      return true;
    }
    return false;
  }
}
