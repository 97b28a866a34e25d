package dev.optievent.aspect.internal;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.UnsupportedValueException;
import dev.optievent.client.internal.ValueMapper;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.store.PreparedEvent;
import java.time.Instant;

/**
 * One call of a reporting method, from its return to its event: the plan, the client, the
 * arguments, the identity read on the calling thread and the parameter values read so far. Every
 * failure drops the event with a reason; nothing here throws to the business caller.
 *
 * <p>One instance per call, which dies young unless a {@code CompletionStage} keeps it until it
 * completes.
 */
final class Call {
  final MethodPlan plan;
  private final OptimoveClient client;
  private final Object[] args;
  private final Object[] values;
  String customer;
  String visitor;

  /**
   * @param plan the method's plan
   * @param client the client to send to
   * @param args the call's arguments: the call's own array, not changed afterwards
   */
  Call(MethodPlan plan, OptimoveClient client, Object[] args) {
    this.plan = plan;
    this.client = client;
    this.args = args;
    this.values = new Object[plan.paramNames.length];
  }

  /**
   * Reads the parameters that come from the arguments.
   *
   * @return {@code false} if one could not be read (the event is dropped already)
   */
  boolean captureArguments() {
    return capture(plan.argParams, null, 0);
  }

  /**
   * Reads the parameters that come from the return value and sends the event, or has {@code hold}
   * keep it until the calling thread's transaction ends (no call's fields for that: a call outside
   * a transaction, the common case, pays nothing for it).
   *
   * @param returned the return value (for a {@code CompletionStage} method, its completed value)
   * @param hold the connection's transaction hold, or {@code null} to send at once
   */
  void finish(Object returned, TransactionHold hold) {
    if (capture(plan.returnParams, returned, plan.argParams.length)) {
      if (hold != null && plan.afterCommit && hold.active()) {
        hold.hold(new HeldCall(this, WallClock.epochNanos(System.nanoTime())));
        return;
      }
      ClientAccess.get().sendNow(client, plan.eventKey, customer, visitor, plan.paramNames, values);
    }
  }

  /** Sends the event held since {@code capturedAt}; see {@link HeldCall}. */
  void sendHeld(long capturedAt) {
    ClientAccess.get()
        .sendHeld(client, plan.eventKey, customer, visitor, plan.paramNames, values, capturedAt);
  }

  /** Checks the event captured at {@code capturedAt} and writes its body; see {@link HeldCall}. */
  PreparedEvent prepare(long capturedAt) {
    return ClientAccess.get()
        .prepare(client, plan.eventKey, customer, visitor, plan.paramNames, values, capturedAt);
  }

  /** Counts the event held for a transaction that rolled back. */
  void countRolledBack() {
    ClientAccess.get().rolledBack(client);
  }

  /**
   * {@link #finish} on a thread that completed a stage: a failure there is ours, not the completing
   * code's, which may see what a callback throws (a stage is free to run callbacks in {@code
   * complete} and let their exceptions through). Never throws.
   */
  void finishSafely(Object returned, TransactionHold hold) {
    try {
      finish(returned, hold);
    } catch (Throwable t) {
      try {
        drop(Reasons.INTERNAL_ERROR, t);
      } catch (Throwable alsoFailed) {
        // Counting it failed too (a stack at its limit): nothing is left to do safely.
      }
    }
  }

  /**
   * Reads one identity source: the mapped value as text (a number as its plain digits), or {@code
   * null}.
   *
   * @throws NumericIds.NotAnId if the value is a number that is not a whole number
   */
  String id(ValueSource source, Object returned) throws Throwable {
    if (source == null) {
      return null;
    }
    Object raw = ValueMapper.map(source.read(args, returned));
    if (raw instanceof Number) {
      return NumericIds.text((Number) raw);
    }
    return raw == null ? null : raw.toString();
  }

  /**
   * Reads each binding into the values, from slot {@code offset} on; on failure drops the event.
   *
   * @return {@code false} if a value could not be read
   */
  private boolean capture(ParamBinding[] bindings, Object returned, int offset) {
    for (int i = 0; i < bindings.length; i++) {
      ParamBinding binding = bindings[i];
      Object raw;
      try {
        raw = binding.source.read(args, returned);
      } catch (Throwable t) {
        drop(
            Reasons.VALUE_CAPTURE_FAILED,
            new IllegalStateException(
                "reading parameter '" + binding.name + "' from " + binding.source + " threw " + t,
                t));
        return false;
      }
      try {
        values[offset + i] = ValueMapper.map(raw);
      } catch (UnsupportedValueException e) {
        drop(
            Reasons.UNSUPPORTED_VALUE_TYPE,
            new IllegalArgumentException("parameter '" + binding.name + "': " + e.getMessage(), e));
        return false;
      } catch (Throwable t) {
        drop(
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
    }
    return true;
  }

  /** Counts this call's event as dropped, with what is known of it; never throws. */
  void drop(String reason, Throwable cause) {
    dropped(
        client, new Event(plan.eventKey, customer, visitor, Instant.now(), null), reason, cause);
  }

  /**
   * Counts an event as dropped; a failure to count (the client's logging backend threw, say) is
   * logged, never thrown.
   */
  static void dropped(OptimoveClient client, Event event, String reason, Throwable cause) {
    try {
      ClientAccess.get().dropped(client, event, reason, cause);
    } catch (Throwable t) {
      EventReporter.problem("record-drop", "Could not record a dropped Optimove event", t);
    }
  }
}
