package dev.optievent.spring;

import dev.optievent.aspect.OptimoveContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the {@code OptimoveContext} scopes a request left open on its thread: on a pooled thread,
 * every later event there would report for that customer. Logs once at WARN (never the IDs), then
 * at DEBUG.
 */
final class LeakedScopes {
  private static final Logger LOG = LoggerFactory.getLogger(LeakedScopes.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private LeakedScopes() {}

  /**
   * Closes what was left open since {@code mark}; never throws.
   *
   * @param mark {@link OptimoveContext#mark()} before the request
   * @param where what ran, for the log: a method and path, never IDs
   */
  static void closeSince(Object mark, String where) {
    try {
      int leaked = OptimoveContext.closeLeaked(mark);
      if (leaked == 0) {
        return;
      }
      if (WARNED.compareAndSet(false, true)) {
        LOG.warn(
            "{} OptimoveContext scope(s) opened while handling {} were left open; closed at the"
                + " request's end, so that later work on this thread does not report for them."
                + " Close each scope with try-with-resources (repeats are logged at DEBUG)",
            leaked,
            where);
      } else {
        LOG.debug("{} OptimoveContext scope(s) left open by {}; closed", leaked, where);
      }
    } catch (RuntimeException | LinkageError e) {
      // The request's own outcome matters more than this safety net.
    }
  }
}
