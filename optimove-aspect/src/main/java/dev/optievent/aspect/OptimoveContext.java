package dev.optievent.aspect;

import dev.optievent.aspect.internal.AspectLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-thread identity scope: business code opens one around a unit of work (say, a request) so
 * that annotated methods called inside it report for that customer or visitor without taking the ID
 * as an argument.
 *
 * <pre>{@code
 * try (OptimoveContext.Scope scope = OptimoveContext.customer(session.customerId())) {
 *   newsletterService.signUp(email, true);   // reported for that customer
 * }
 * }</pre>
 *
 * <p>Scopes nest: closing one restores what was current before it. The identity is read on the
 * calling thread when the annotated method returns (for a {@code CompletionStage} method, when it
 * is called), so work handed to another thread does not see it unless that thread opens a scope of
 * its own.
 *
 * <h2>The rule: one thread, innermost first</h2>
 *
 * Close each scope on the thread that opened it, innermost first: open it in a try-with-resources
 * statement and never hand it to another thread. Misuse is contained, never spread:
 *
 * <ul>
 *   <li>Closing a scope on another thread does nothing: neither thread's identity changes, and the
 *       scope stays open on the thread that opened it.
 *   <li>Closing a scope while a scope opened inside it is still open ends both: the thread is back
 *       to what it had before the outer scope, so an inner scope left open cannot outlive the scope
 *       around it. Closing the inner one afterwards does nothing.
 *   <li>Closing a scope twice does nothing.
 * </ul>
 *
 * Each kind of misuse is logged once at WARN (never with the IDs), then at DEBUG.
 *
 * <p>A scope that is never closed, with no scope around it, stays open: on a pooled thread every
 * later event there reports for that customer, above the {@link CustomerIdResolver}. <b>Strict
 * mode</b> makes such mistakes visible in tests. Turn it on with the system property {@value
 * #STRICT_PROPERTY}{@code =true} (read when this class loads) or {@link #strict(boolean)}; then
 *
 * <ul>
 *   <li>each misuse above throws an {@link IllegalStateException} from {@link Scope#close()}, after
 *       restoring the thread as described, with where the scope concerned was opened as its cause;
 *   <li>every scope opened remembers where, and {@link #checkAllClosed()} throws if any is still
 *       open, on any thread.
 * </ul>
 *
 * Strict mode records a stack trace for each scope: it is meant for tests, not production.
 */
public final class OptimoveContext {

  /** The system property that turns {@linkplain #strict(boolean) strict mode} on: {@value}. */
  public static final String STRICT_PROPERTY = "optievent.context.strict";

  // The innermost open scope of each thread; each scope links to the one it replaced.
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private static volatile boolean strict = Boolean.getBoolean(STRICT_PROPERTY);

  // Scopes opened in strict mode and not closed yet, for checkAllClosed().
  private static final Set<Scope> OPEN_STRICT = ConcurrentHashMap.newKeySet();

  private OptimoveContext() {}

  /**
   * Opens a scope in which the customer ID is {@code customerId}.
   *
   * @param customerId the customer ID
   * @return the scope; close it (try-with-resources) to restore the previous identity
   */
  public static Scope customer(String customerId) {
    return open(customerId, null);
  }

  /**
   * Opens a scope in which the visitor ID is {@code visitorId} (and no customer is known).
   *
   * @param visitorId the visitor ID
   * @return the scope; close it to restore the previous identity
   */
  public static Scope visitor(String visitorId) {
    return open(null, visitorId);
  }

  /**
   * Opens a scope with both IDs known; events report the customer only, as Optimove requires.
   *
   * @param customerId the customer ID, may be {@code null}
   * @param visitorId the visitor ID, may be {@code null}
   * @return the scope; close it to restore the previous identity
   */
  public static Scope of(String customerId, String visitorId) {
    return open(customerId, visitorId);
  }

  /**
   * The customer ID of the innermost open scope on this thread.
   *
   * @return the ID, or {@code null}
   */
  public static String currentCustomerId() {
    Scope s = CURRENT.get();
    return s == null ? null : s.customerId;
  }

  /**
   * The visitor ID of the innermost open scope on this thread.
   *
   * @return the ID, or {@code null}
   */
  public static String currentVisitorId() {
    Scope s = CURRENT.get();
    return s == null ? null : s.visitorId;
  }

  /**
   * Turns strict mode on or off (see the class comment). Turning it off forgets the scopes it was
   * tracking.
   *
   * @param on whether misuse should throw and open scopes be tracked
   */
  public static void strict(boolean on) {
    strict = on;
    if (!on) {
      OPEN_STRICT.clear();
    }
  }

  /**
   * Whether strict mode is on.
   *
   * @return {@code true} if misuse throws and open scopes are tracked
   */
  public static boolean isStrict() {
    return strict;
  }

  /**
   * In strict mode, checks that every scope opened since strict mode was turned on has been closed,
   * on every thread; call it when no work is in flight (after a test, say). The scopes it reports
   * are forgotten, so each is reported once. Does nothing when strict mode is off.
   *
   * @throws IllegalStateException if a scope is still open; it names the thread of each, and
   *     carries where each was opened as a suppressed exception
   */
  public static void checkAllClosed() {
    if (OPEN_STRICT.isEmpty()) {
      return;
    }
    List<Scope> left = new ArrayList<>(OPEN_STRICT);
    OPEN_STRICT.removeAll(left);
    if (left.isEmpty()) {
      return;
    }
    StringBuilder threads = new StringBuilder();
    for (Scope s : left) {
      threads
          .append(threads.length() == 0 ? "" : ", ")
          .append('\'')
          .append(s.threadName)
          .append('\'');
    }
    IllegalStateException e =
        new IllegalStateException(
            left.size()
                + " OptimoveContext scope(s) left open, on thread(s) "
                + threads
                + ": every later event on such a thread reports for its customer. Close each scope"
                + " with try-with-resources on the thread that opened it (where: see suppressed)");
    for (Scope s : left) {
      e.addSuppressed(s.openedAt);
    }
    throw e;
  }

  /**
   * Marks where this thread's scopes stand now, for {@link #closeLeaked}: for frameworks that run
   * work on pooled threads (the Spring Boot starter's request filters), not for business code.
   *
   * @return an opaque mark: the innermost open scope, or {@code null} for none
   */
  public static Object mark() {
    return CURRENT.get();
  }

  /**
   * Ends the scopes opened on this thread since {@code mark} and left open, so that they cannot
   * report later work on this thread for their customer, and restores the identity current at the
   * mark. Does nothing if none was left open, or if the marked scope is no longer open on this
   * thread (the work closed it out of order: nothing safe to restore). In strict mode the ended
   * scopes stay on {@link #checkAllClosed}'s list: a leak is still a bug to find.
   *
   * @param mark what {@link #mark()} returned on this thread before the work
   * @return how many scopes were left open and are now ended
   */
  public static int closeLeaked(Object mark) {
    Scope current = CURRENT.get();
    if (current == mark) {
      return 0;
    }
    int leaked = 0;
    for (Scope s = current; s != mark; s = s.previous) {
      if (s == null) {
        return 0;
      }
      leaked++;
    }
    for (Scope s = current; s != mark; s = s.previous) {
      s.state = Scope.ENDED_BY_OUTER;
    }
    if (mark == null) {
      CURRENT.remove();
    } else {
      CURRENT.set((Scope) mark);
    }
    return leaked;
  }

  private static Scope open(String customerId, String visitorId) {
    Scope scope = new Scope(customerId, visitorId, CURRENT.get(), strict);
    CURRENT.set(scope);
    if (scope.openedAt != null) {
      OPEN_STRICT.add(scope);
    }
    return scope;
  }

  /**
   * An open identity scope. Close it on the thread that opened it, innermost first (see {@link
   * OptimoveContext}).
   */
  public static final class Scope implements AutoCloseable {
    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    private static final int ENDED_BY_OUTER = 2;

    final String customerId;
    final String visitorId;

    /** The scope this one replaced on its thread (open while this one is), or {@code null}. */
    private final Scope previous;

    private final long threadId;
    private final String threadName;

    /** Where this scope was opened; recorded in strict mode only. */
    private final Throwable openedAt;

    /** Read and written only on the thread that opened the scope. */
    private int state = OPEN;

    private Scope(String customerId, String visitorId, Scope previous, boolean strict) {
      this.customerId = customerId;
      this.visitorId = visitorId;
      this.previous = previous;
      Thread thread = Thread.currentThread();
      this.threadId = thread.getId();
      this.threadName = strict ? thread.getName() : null;
      this.openedAt =
          strict
              ? new Throwable("OptimoveContext scope opened here, on thread '" + threadName + "'")
              : null;
    }

    /**
     * Restores the identity that was current when this scope was opened. Idempotent. Closed on
     * another thread, or after the scope around it, it does nothing but log (strict mode: throw);
     * closed while a scope opened inside it is open, it ends that one too (see {@link
     * OptimoveContext}).
     *
     * @throws IllegalStateException in strict mode only, on misuse
     */
    @Override
    public void close() {
      if (Thread.currentThread().getId() != threadId) {
        // Not this thread's scope: touching either thread's state could only make things worse.
        misuse(
            "other-thread",
            "closed on a thread other than the one that opened it; it was left open there",
            this);
        return;
      }
      if (state == CLOSED) {
        return;
      }
      if (state == ENDED_BY_OUTER) {
        state = CLOSED;
        misuse(
            "after-outer",
            "closed after the scope around it had been closed (which ended this one already)",
            this);
        return;
      }
      Scope current = CURRENT.get();
      if (current == this) {
        end();
        restorePrevious();
        return;
      }
      Scope s = current;
      while (s != null && s != this) {
        s = s.previous;
      }
      if (s == null) {
        // Cannot happen while every scope is closed by these rules; never guess which to restore.
        end();
        misuse("not-current", "closed, but it is not open on this thread", this);
        return;
      }
      // Closed before the scopes opened inside it: end those with it, so none outlives it.
      for (s = current; s != this; s = s.previous) {
        s.state = ENDED_BY_OUTER;
        untrack(s);
      }
      end();
      restorePrevious();
      misuse(
          "out-of-order",
          "closed while a scope opened inside it was still open; that scope was ended with it",
          current);
    }

    private void end() {
      state = CLOSED;
      untrack(this);
    }

    private void restorePrevious() {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }

    private static void untrack(Scope scope) {
      if (scope.openedAt != null) {
        OPEN_STRICT.remove(scope);
      }
    }

    /** Reports a misuse, never with the IDs: logs once (never throws), or in strict mode throws. */
    private static void misuse(String kind, String what, Scope concerned) {
      String message =
          "An OptimoveContext scope was "
              + what
              + ". Open and close each scope on one thread, innermost first, with"
              + " try-with-resources";
      if (strict) {
        throw new IllegalStateException(message, concerned.openedAt);
      }
      AspectLog.warnOnce(
          "context:" + kind,
          "{} (-D{}=true makes this throw, for tests)",
          message,
          STRICT_PROPERTY);
    }
  }
}
