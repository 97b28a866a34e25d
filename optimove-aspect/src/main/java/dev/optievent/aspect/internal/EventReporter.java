package dev.optievent.aspect.internal;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import java.lang.reflect.Method;
import java.time.Instant;
import org.aspectj.lang.JoinPoint;

/**
 * The work behind the aspect's advice, on the business thread: find the method's plan ({@link
 * MethodPlans}), read who the call reports for ({@link Identities}) and its values ({@link Call}),
 * and send the event when the method's work is over ({@link Completion}). Nothing here ever throws
 * to the caller: every failure is counted as a dropped event with a reason and logged. An annotated
 * method called by reporting itself, on the same thread, is counted ({@code reentrant_call}) and
 * not reported, so a resolver or getter that calls one cannot make reporting recurse. Internal.
 */
public final class EventReporter {

  /**
   * Where this thread is in reporting. A resolver or a getter read for a parameter may call an
   * annotated method: reporting that call would read the same resolver or getter again, forever.
   * One ThreadLocal read per call, and no allocation but one instance per thread.
   *
   * <p>Its flags are written twice per call, so they sit between 64 bytes of padding on each side
   * (the superclasses): when a collection copied two threads' instances side by side, their writes
   * shared a cache line, and each thread's calls cost up to twice as much while that lasted. It
   * holds flags only: the call being reported is a new {@link Call}, which dies young
   * (BENCHMARKS.md, "Performance II, fourth round").
   */
  private static final class Reentry extends ReentryFields {
    @SuppressWarnings("unused")
    private long q01, q02, q03, q04, q05, q06, q07, q08;
  }

  /**
   * Padding before {@link ReentryFields}. The int fills the gap after the object header, where
   * HotSpot would otherwise put the flags, beside whatever object precedes this one.
   */
  private abstract static class ReentryPaddingBefore {
    @SuppressWarnings("unused")
    private int p00;

    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07, p08;
  }

  /** What {@link Reentry} holds, between 64 bytes of padding on each side. */
  private abstract static class ReentryFields extends ReentryPaddingBefore {
    /** Inside reporting: an annotated method returning now was called by reporting. */
    boolean reporting;

    /** Counting such a call: anything reentering now comes from the counting itself. */
    boolean skipping;

    /** The innermost proxied call on this thread (see {@link #enterProxied}), or null. */
    ProxyFrame proxied;
  }

  /**
   * One call through a proxy's interceptor (Spring AOP) that has not returned yet. The woven advice
   * of the same method, running inside it, marks it as reported, so that the interceptor does not
   * report that call a second time.
   */
  private static final class ProxyFrame {
    final Method method;
    final ProxyFrame outer;
    boolean reportedByWeaving;

    ProxyFrame(Method method, ProxyFrame outer) {
      this.method = method;
      this.outer = outer;
    }
  }

  private static final ThreadLocal<Reentry> REENTRY = ThreadLocal.withInitial(Reentry::new);

  private EventReporter() {}

  /**
   * Reports one normal return of an annotated method.
   *
   * @param joinPoint the method's static join point
   * @param args the call's arguments
   * @param result what the method returned
   */
  public static void afterReturning(JoinPoint.StaticPart joinPoint, Object[] args, Object result) {
    try {
      reportOnThread(REENTRY.get(), joinPoint, args, result, false);
    } catch (Throwable t) {
      internalErrorSafely(t);
    }
  }

  /**
   * Reports a call of an annotated method that returned a {@code Mono}, a {@code Flux} or a {@code
   * Publisher}, when that completes: the caller must get the returned decorated publisher instead
   * of {@code result}. Never throws; on any failure the caller gets {@code result} itself.
   *
   * @param joinPoint the method's static join point
   * @param args the call's arguments
   * @param result what the method returned
   * @return what the method's caller gets
   */
  public static Object aroundPublisher(
      JoinPoint.StaticPart joinPoint, Object[] args, Object result) {
    try {
      Object returned = reportOnThread(REENTRY.get(), joinPoint, args, result, true);
      return returned == null ? result : returned;
    } catch (Throwable t) {
      internalErrorSafely(t);
      return result;
    }
  }

  /**
   * {@link #afterReturning(JoinPoint.StaticPart, Object[], Object)} for methods with one to four
   * arguments, which AspectJ passes one by one: no join point object is made for the call.
   *
   * @param joinPoint the method's static join point
   * @param arity how many of {@code a0} to {@code a3} are arguments (1 to 4)
   * @param a0 argument 0
   * @param a1 argument 1, or anything if {@code arity < 2}
   * @param a2 argument 2, or anything if {@code arity < 3}
   * @param a3 argument 3, or anything if {@code arity < 4}
   * @param result what the method returned
   */
  public static void afterReturning(
      JoinPoint.StaticPart joinPoint,
      int arity,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object result) {
    try {
      Reentry reentry = REENTRY.get();
      if (reentry.reporting) {
        reportOnThread(
            reentry, joinPoint, null, result, false); // skipped: the arguments are not read
        return;
      }
      reportOnThread(reentry, joinPoint, arguments(arity, a0, a1, a2, a3), result, false);
    } catch (Throwable t) {
      internalErrorSafely(t);
    }
  }

  private static Object[] arguments(int arity, Object a0, Object a1, Object a2, Object a3) {
    switch (arity) {
      case 1:
        return new Object[] {a0};
      case 2:
        return new Object[] {a0, a1};
      case 3:
        return new Object[] {a0, a1, a2};
      default:
        return new Object[] {a0, a1, a2, a3};
    }
  }

  private static void internalErrorSafely(Throwable t) {
    // A bug of ours, or an Error (a stack at its limit): the business caller must not see it.
    try {
      internalError(t);
    } catch (Throwable alsoFailed) {
      // Even counting it failed; nothing is left to do that could not fail again.
    }
  }

  private static Object reportOnThread(
      Reentry reentry,
      JoinPoint.StaticPart joinPoint,
      Object[] args,
      Object result,
      boolean canReplace) {
    MethodPlan plan = MethodPlans.of(joinPoint);
    ProxyFrame frame = reentry.proxied;
    if (frame != null && !frame.reportedByWeaving) {
      // Woven and proxied: this advice reports the call; the proxy's interceptor must not.
      frame.reportedByWeaving = frame.method.equals(plan.method);
    }
    if (reentry.reporting) {
      skipReentrant(reentry, plan, Bridge.connection());
      return result;
    }
    if (plan.completion == Completion.SUSPEND) {
      notWovenSuspend(plan);
      return result;
    }
    reentry.reporting = true;
    try {
      return report(plan, args, result, canReplace, Bridge.connection());
    } finally {
      reentry.reporting = false;
    }
  }

  /**
   * Marks the start of a call through a proxy's interceptor, before it proceeds to the target: the
   * woven advice of the same method (if the class is woven too) then reports the call, and {@link
   * #exitProxied} says so. Pair each call with {@link #exitProxied} in a {@code finally}. Never
   * throws.
   *
   * @param method the target class's method (the one that carries the annotation)
   * @return a token for {@link #exitProxied}
   */
  public static Object enterProxied(Method method) {
    try {
      Reentry reentry = REENTRY.get();
      ProxyFrame frame = new ProxyFrame(method, reentry.proxied);
      reentry.proxied = frame;
      return frame;
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * Ends a call started by {@link #enterProxied}; never throws.
   *
   * @param token what {@link #enterProxied} returned
   * @return whether the woven advice reported the call already (then the interceptor must not)
   */
  public static boolean exitProxied(Object token) {
    if (!(token instanceof ProxyFrame)) {
      return false;
    }
    ProxyFrame frame = (ProxyFrame) token;
    try {
      REENTRY.get().proxied = frame.outer;
    } catch (Throwable t) {
      // Nothing to restore that could not fail again.
    }
    return frame.reportedByWeaving;
  }

  /**
   * Reports one normal return of an annotated method called through a proxy (Spring AOP), as the
   * woven advice does: same plan cache, same guards, never throws.
   *
   * @param method the target class's method (the one that carries the annotation)
   * @param args the call's arguments
   * @param result what the method returned
   * @return what the caller gets: {@code result}, or for a method that returns a {@code Mono}, a
   *     {@code Flux} or a {@code Publisher}, one that reports the call when it completes
   */
  public static Object returnedThroughProxy(Method method, Object[] args, Object result) {
    return returnedThroughProxy(Bridge.connection(), method, args, result);
  }

  /**
   * {@link #returnedThroughProxy(Method, Object[], Object)} reporting to {@code connection}: the
   * proxy's own context's client, not the one woven code reports to.
   *
   * @param connection where to report, or {@code null} to count the event as without a client
   * @param method the target class's method (the one that carries the annotation)
   * @param args the call's arguments
   * @param result what the method returned
   * @return what the caller gets
   */
  public static Object returnedThroughProxy(
      Bridge.Connection connection, Method method, Object[] args, Object result) {
    try {
      Reentry reentry = REENTRY.get();
      if (reentry.reporting) {
        skipReentrant(reentry, MethodPlans.of(method), connection);
        return result;
      }
      reentry.reporting = true;
      try {
        Object returned = report(MethodPlans.of(method), args, result, true, connection);
        return returned == null ? result : returned;
      } finally {
        reentry.reporting = false;
      }
    } catch (Throwable t) {
      internalErrorSafely(t);
      return result;
    }
  }

  /**
   * Sends a call's event on the thread that completed its stage, under the same guard as the
   * advice: a getter read for a return-value parameter may call an annotated method there too.
   * Never throws.
   */
  static void finishLater(Call call, Object value, TransactionHold hold) {
    try {
      Reentry reentry = REENTRY.get();
      boolean wasReporting = reentry.reporting;
      reentry.reporting = true;
      try {
        call.finishSafely(value, hold);
      } finally {
        reentry.reporting = wasReporting;
      }
    } catch (Throwable t) {
      // finishSafely never throws; this is for an Error on the way in.
    }
  }

  /**
   * A woven Kotlin {@code suspend} function: its execution returns at the first suspension and is
   * entered again at each resumption, so the woven advice cannot tell when its work completes. Such
   * calls are reported through a Spring proxy only, which sees them as a {@code Mono}. Said once
   * per method; not counted, because the same call may well be reported by the proxy around it.
   */
  private static void notWovenSuspend(MethodPlan plan) {
    AspectLog.warnOnce(
        "woven-suspend:" + plan.methodName,
        "{} is a Kotlin suspend function: woven code cannot tell when it completes, so only calls"
            + " through a Spring proxy (a bean, with kotlinx-coroutines-reactor) report it; calls"
            + " that reach it otherwise are not reported",
        plan.methodName);
  }

  /** Counts, rather than reports, an annotated method called by reporting on this thread. */
  private static void skipReentrant(
      Reentry reentry, MethodPlan plan, Bridge.Connection connection) {
    if (reentry.skipping) {
      // Reentered by the counting below (a logging backend or listener that calls annotated
      // methods): stop here, or this would recurse in turn.
      return;
    }
    reentry.skipping = true;
    try {
      if (connection == null) {
        Bridge.countWithoutClient(plan.eventKey);
        return;
      }
      Call.dropped(
          connection.client,
          new Event(plan.eventKey, null, null, Instant.now(), null),
          Reasons.REENTRANT_CALL,
          new ReentrantCall(plan.methodName));
    } finally {
      reentry.skipping = false;
    }
  }

  /** Why an event was skipped; no stack trace: the message says it all, and it may be frequent. */
  private static final class ReentrantCall extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReentrantCall(String methodName) {
      super(
          methodName
              + " was called while its thread was reporting another event (by the"
              + " CustomerIdResolver or a getter read for a parameter); it is not reported, so"
              + " that reporting cannot recurse",
          null,
          false,
          false);
    }
  }

  /**
   * Reports a call; returns what its caller gets (see {@link Completion#whenDone}).
   *
   * @param canReplace whether the caller can be given another object than {@code result}: not from
   *     the woven after-returning advice
   */
  private static Object report(
      MethodPlan plan,
      Object[] args,
      Object result,
      boolean canReplace,
      Bridge.Connection connection) {
    if (connection == null) {
      Bridge.countWithoutClient(plan.eventKey);
      return result;
    }
    if (connection.discards) {
      // Reporting is off: counted by the client, with nothing read (no resolver, no getter).
      Call.dropped(
          connection.client,
          new Event(plan.eventKey, null, null, Instant.now(), null),
          Reasons.DISABLED,
          null);
      return result;
    }
    Call call = new Call(plan, connection.client, args);
    if (plan.problem != null) {
      call.drop(Reasons.INVALID_ANNOTATION, new PlanException(plan.problem));
    } else if (Identities.read(call, connection.resolver, result) && call.captureArguments()) {
      Object returned = plan.completion.whenDone(call, result, connection);
      if (returned != result && !canReplace) {
        call.drop(Reasons.INVALID_ANNOTATION, new PlanException(cannotReplace(plan)));
        return result;
      }
      return returned;
    }
    return result;
  }

  private static String cannotReplace(MethodPlan plan) {
    return plan.methodName
        + " is woven, and its CompletionStrategy ("
        + plan.strategy.getClass().getName()
        + ") hands the caller another object than the method returned, which woven code cannot"
        + " do for this return type; call it through a Spring proxy, or observe the returned"
        + " object in place";
  }

  private static void internalError(Throwable t) {
    problem("internal:" + t.getClass().getName(), "Optimove reporting failed unexpectedly", t);
    OptimoveClient client = Bridge.client();
    if (client != null) {
      Call.dropped(
          client, new Event("unknown", null, null, Instant.now(), null), Reasons.INTERNAL_ERROR, t);
    }
  }

  /** Logs a problem of reporting itself: once at WARN, then at DEBUG; never throws. */
  static void problem(String key, String message, Throwable t) {
    AspectLog.warnOnce(key, message + "; the event is lost", t);
  }
}
