package dev.optievent.aspect.internal;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveContext;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.OnceLogger;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.UnsupportedValueException;
import dev.optievent.client.internal.ValueMapper;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work behind the aspect's advice, on the business thread: find the method's plan, read the
 * identity and the values, build the {@link Event} and hand it to the client. Nothing here ever
 * throws to the caller: every failure is counted as a dropped event with a reason and logged.
 * Internal.
 */
public final class EventReporter {
  private static final Logger LOG = LoggerFactory.getLogger("dev.optievent.aspect");
  private static final OnceLogger PROBLEMS = new OnceLogger(LOG);

  // Keyed by the join point's static part: one object per woven method, compared by identity.
  private static final Map<JoinPoint.StaticPart, MethodPlan> PLANS = new ConcurrentHashMap<>();

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
      MethodPlan plan = plan(joinPoint);
      Bridge.Connection connection = Bridge.connection();
      if (connection == null) {
        Bridge.countWithoutClient(plan.eventKey);
        return;
      }
      report(plan, connection, args, result);
    } catch (Throwable t) {
      // A bug of ours must not reach the business caller either.
      PROBLEMS.warn(
          "internal:" + t.getClass().getName(),
          "Optimove reporting failed unexpectedly; the event is lost",
          t);
      OptimoveClient client = Bridge.client();
      if (client != null) {
        safeDrop(
            client,
            new Event("unknown", null, null, Instant.now(), null),
            Reasons.INTERNAL_ERROR,
            t);
      }
    }
  }

  /** Finds or builds the plan of the method behind a join point. */
  public static MethodPlan plan(JoinPoint.StaticPart joinPoint) {
    MethodPlan plan = PLANS.get(joinPoint);
    if (plan == null) {
      plan = PLANS.computeIfAbsent(joinPoint, EventReporter::buildPlan);
    }
    return plan;
  }

  private static MethodPlan buildPlan(JoinPoint.StaticPart joinPoint) {
    Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
    MethodPlan plan = PlanBuilder.build(method);
    if (plan.problem != null) {
      LOG.warn(
          "{}. Its events are dropped with reason '{}' until this is fixed.",
          plan.problem,
          Reasons.INVALID_ANNOTATION);
    }
    return plan;
  }

  private static void report(
      MethodPlan plan, Bridge.Connection connection, Object[] args, Object result) {
    OptimoveClient client = connection.client;
    if (plan.problem != null) {
      safeDrop(
          client,
          new Event(plan.eventKey, null, null, Instant.now(), null),
          Reasons.INVALID_ANNOTATION,
          new PlanException(plan.problem));
      return;
    }
    String customer;
    String visitor;
    try {
      customer = id(plan.customer, args, result);
      if (customer == null) {
        customer = OptimoveContext.currentCustomerId();
      }
      visitor = null;
      if (customer == null) {
        visitor = id(plan.visitor, args, result);
        if (visitor == null) {
          visitor = OptimoveContext.currentVisitorId();
        }
      }
    } catch (Throwable t) {
      drop(client, plan, null, null, Reasons.VALUE_CAPTURE_FAILED, t);
      return;
    }
    if (customer == null && visitor == null && connection.resolver != null) {
      try {
        CustomerIdResolver resolver = connection.resolver;
        customer = resolver.currentCustomerId();
        if (customer == null) {
          visitor = resolver.currentVisitorId();
        }
      } catch (Throwable t) {
        drop(client, plan, null, null, Reasons.IDENTITY_RESOLVER_FAILED, t);
        return;
      }
    }
    Object[] values = new Object[plan.paramNames.length];
    if (!capture(client, plan, plan.argParams, args, null, values, 0, customer, visitor)) {
      return;
    }
    int returnSlots = plan.argParams.length;
    if (!plan.async) {
      if (capture(
          client, plan, plan.returnParams, args, result, values, returnSlots, customer, visitor)) {
        client.send(
            new Event(
                plan.eventKey,
                customer,
                visitor,
                Instant.now(),
                new ParamMap(plan.paramNames, values)));
      }
      return;
    }
    if (!(result instanceof CompletionStage)) {
      drop(
          client,
          plan,
          customer,
          visitor,
          Reasons.NULL_COMPLETION_STAGE,
          new IllegalStateException(
              plan.methodName + " returned null instead of a CompletionStage"));
      return;
    }
    String c = customer;
    String v = visitor;
    ((CompletionStage<?>) result)
        .whenComplete(
            (value, error) -> {
              if (error != null) {
                return; // completed exceptionally or cancelled: nothing happened worth reporting
              }
              try {
                if (capture(
                    client, plan, plan.returnParams, args, value, values, returnSlots, c, v)) {
                  client.send(
                      new Event(
                          plan.eventKey,
                          c,
                          v,
                          Instant.now(),
                          new ParamMap(plan.paramNames, values)));
                }
              } catch (Throwable t) {
                drop(client, plan, c, v, Reasons.INTERNAL_ERROR, t);
              }
            });
  }

  private static String id(ValueSource source, Object[] args, Object result) throws Throwable {
    if (source == null) {
      return null;
    }
    Object raw = ValueMapper.map(source.read(args, result));
    return raw == null ? null : raw.toString();
  }

  /**
   * Reads each binding into {@code values}, from slot {@code offset} on; on failure drops the event
   * and returns false.
   */
  private static boolean capture(
      OptimoveClient client,
      MethodPlan plan,
      ParamBinding[] bindings,
      Object[] args,
      Object result,
      Object[] values,
      int offset,
      String customer,
      String visitor) {
    for (int i = 0; i < bindings.length; i++) {
      ParamBinding binding = bindings[i];
      Object raw;
      try {
        raw = binding.source.read(args, result);
      } catch (Throwable t) {
        drop(
            client,
            plan,
            customer,
            visitor,
            Reasons.VALUE_CAPTURE_FAILED,
            new IllegalStateException(
                "reading parameter '" + binding.name + "' from " + binding.source + " threw " + t,
                t));
        return false;
      }
      Object mapped;
      try {
        mapped = ValueMapper.map(raw);
      } catch (UnsupportedValueException e) {
        drop(
            client,
            plan,
            customer,
            visitor,
            Reasons.UNSUPPORTED_VALUE_TYPE,
            new IllegalArgumentException("parameter '" + binding.name + "': " + e.getMessage(), e));
        return false;
      } catch (Throwable t) {
        drop(
            client,
            plan,
            customer,
            visitor,
            Reasons.VALUE_CAPTURE_FAILED,
            new IllegalStateException(
                "converting parameter '"
                    + binding.name
                    + "' from "
                    + binding.source
                    + " threw "
                    + t,
                t));
        return false;
      }
      values[offset + i] = mapped;
    }
    return true;
  }

  private static void drop(
      OptimoveClient client,
      MethodPlan plan,
      String customer,
      String visitor,
      String reason,
      Throwable cause) {
    safeDrop(
        client, new Event(plan.eventKey, customer, visitor, Instant.now(), null), reason, cause);
  }

  private static void safeDrop(OptimoveClient client, Event event, String reason, Throwable cause) {
    try {
      client.recordDropped(event, reason, cause);
    } catch (Throwable t) {
      PROBLEMS.warn("record-drop", "Could not record a dropped Optimove event", t);
    }
  }
}
