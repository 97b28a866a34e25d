package dev.optievent.aspect.internal;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.UnsupportedValueException;
import dev.optievent.client.internal.ValueMapper;
import dev.optievent.client.internal.WallClock;
import java.time.Instant;

/**
 * One call of a reporting method, from its return to its event: the plan, the client, the
 * arguments, the identity read on the calling thread and the parameter values read so far. Every
 * failure drops the event with a reason; nothing here throws to the business caller.
 *
 * <p>One instance per call, which dies young unless a {@code CompletionStage} keeps it until it
 * completes.
 */
final class Call implements HeldEvent {
  final MethodPlan plan;
  private final OptimoveClient client;
  private final Object[] args;
  private final Object[] values;
  String customer;
  String visitor;

  /** What keeps the event until its transaction ends, or {@code null} to send at once. */
  private TransactionHold hold;

  /** When a held event was captured, in nanoseconds since the epoch. */
  private long capturedAt;

  /**
   * @param plan the method's plan
   * @param client the client to send to
   * @param args the call's arguments: the call's own array, not changed afterwards
   * @param hold the connection's transaction hold, or {@code null}
   */
  Call(MethodPlan plan, OptimoveClient client, Object[] args, TransactionHold hold) {
    this.plan = plan;
    this.client = client;
    this.args = args;
    this.values = new Object[plan.paramNames.length];
    this.hold = plan.afterCommit ? hold : null;
  }

  /**
   * Sends the event at once when it is finished, without asking the transaction hold: for a stage
   * completed on another thread, whose transaction (if any) is not the call's.
   */
  void sendWhenFinished() {
    hold = null;
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
   * Reads the parameters that come from the return value and sends the event.
   *
   * @param returned the return value (for a {@code CompletionStage} method, its completed value)
   */
  void finish(Object returned) {
    if (capture(plan.returnParams, returned, plan.argParams.length)) {
      TransactionHold h = hold;
      if (h != null && h.active()) {
        capturedAt = WallClock.epochNanos(System.nanoTime());
        h.hold(this);
        return;
      }
      ClientAccess.get().sendNow(client, plan.eventKey, customer, visitor, plan.paramNames, values);
    }
  }

  @Override
  public String eventKey() {
    return plan.eventKey;
  }

  @Override
  public void send() {
    try {
      ClientAccess.get()
          .sendHeld(client, plan.eventKey, customer, visitor, plan.paramNames, values, capturedAt);
    } catch (Throwable t) {
      drop(Reasons.INTERNAL_ERROR, t);
    }
  }

  @Override
  public void rolledBack() {
    try {
      ClientAccess.get().rolledBack(client);
    } catch (Throwable t) {
      EventReporter.problem("record-rollback", "Could not count a rolled-back Optimove event", t);
    }
  }

  /**
   * {@link #finish} on a thread that completed a stage: a failure there is ours, not the completing
   * code's, which may see what a callback throws (a stage is free to run callbacks in {@code
   * complete} and let their exceptions through). Never throws.
   */
  void finishSafely(Object returned) {
    try {
      finish(returned);
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
  @Override
  public void drop(String reason, Throwable cause) {
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
