package dev.optievent.client;

/** What {@link OptimoveClient#send(Event)} does when the in-memory queue is full. */
public enum OverflowPolicy {
  /** Drop the event being sent, counted with reason {@code queue_full}. The caller never waits. */
  DROP_NEWEST,
  /**
   * Drop the oldest queued event (reason {@code queue_full}) to make room. The caller never waits.
   */
  DROP_OLDEST,
  /**
   * Wait for room up to {@link OptimoveConfig#blockTimeout()}, then drop the event being sent
   * (reason {@code queue_full}). The only policy under which the caller can wait.
   */
  BLOCK
}
