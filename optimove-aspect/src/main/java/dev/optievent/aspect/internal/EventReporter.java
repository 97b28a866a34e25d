package dev.optievent.aspect.internal;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import java.time.Instant;
import org.aspectj.lang.JoinPoint;

/**
 * The work behind the aspect's advice, on the business thread: find the method's plan ({@link
 * MethodPlans}), read who the call reports for ({@link Identities}) and its values ({@link Call}),
 * and send the event when the method's work is over ({@link Completion}). Nothing here ever throws
 * to the caller: every failure is counted as a dropped event with a reason and logged. Internal.
 */
public final class EventReporter {
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
      report(joinPoint, args, result);
    } catch (Throwable t) {
      // A bug of ours, or an Error (a stack at its limit): the business caller must not see it.
      try {
        internalError(t);
      } catch (Throwable alsoFailed) {
        // Even counting it failed; nothing is left to do that could not fail again.
      }
    }
  }

  private static void report(JoinPoint.StaticPart joinPoint, Object[] args, Object result) {
    MethodPlan plan = MethodPlans.of(joinPoint);
    Bridge.Connection connection = Bridge.connection();
    if (connection == null) {
      Bridge.countWithoutClient(plan.eventKey);
      return;
    }
    Call call = new Call(plan, connection.client, args);
    if (plan.problem != null) {
      call.drop(Reasons.INVALID_ANNOTATION, new PlanException(plan.problem));
    } else if (Identities.read(call, connection.resolver, result) && call.captureArguments()) {
      plan.completion.whenDone(call, result);
    }
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
