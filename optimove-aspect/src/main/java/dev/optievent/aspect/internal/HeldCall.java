package dev.optievent.aspect.internal;

import dev.optievent.client.Reasons;
import dev.optievent.client.internal.store.PreparedEvent;

/**
 * A call's event held for its transaction, with the time it was captured: made only when a
 * transaction holds it, so that a {@link Call} outside one carries nothing for the case.
 */
final class HeldCall implements HeldEvent {
  private final Call call;
  private final long capturedAt;

  HeldCall(Call call, long capturedAt) {
    this.call = call;
    this.capturedAt = capturedAt;
  }

  @Override
  public String eventKey() {
    return call.plan.eventKey;
  }

  @Override
  public void send() {
    try {
      call.sendHeld(capturedAt);
    } catch (Throwable t) {
      drop(Reasons.INTERNAL_ERROR, t);
    }
  }

  @Override
  public PreparedEvent prepare() {
    return call.prepare(capturedAt);
  }

  @Override
  public void rolledBack() {
    try {
      call.countRolledBack();
    } catch (Throwable t) {
      EventReporter.problem("record-rollback", "Could not count a rolled-back Optimove event", t);
    }
  }

  @Override
  public void drop(String reason, Throwable cause) {
    try {
      call.drop(reason, cause);
    } catch (Throwable t) {
      EventReporter.problem("record-drop", "Could not record a dropped Optimove event", t);
    }
  }
}
