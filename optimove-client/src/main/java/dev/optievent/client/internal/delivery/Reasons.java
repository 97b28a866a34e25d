package dev.optievent.client.internal.delivery;

/** The stable snake_case reason codes the delivery engine itself gives. Internal. */
public final class Reasons {
  /** The queue was full (any overflow policy). */
  public static final String QUEUE_FULL = "queue_full";

  /** Sent after {@code close()}. */
  public static final String CLOSED = "closed";

  /** Still undelivered when {@code close()} gave up waiting. */
  public static final String SHUTDOWN = "shutdown";

  /** Every allowed attempt failed with a retryable problem. */
  public static final String RETRIES_EXHAUSTED = "retries_exhausted";

  /** Not delivered within {@code maxEventAge} of its acceptance. */
  public static final String EXPIRED = "expired";

  /** The request could not be made for a reason a retry would not fix (a bug, not the network). */
  public static final String SEND_FAILED = "send_failed";

  /** The validation chain threw instead of answering. */
  public static final String VALIDATION_FAILED = "validation_failed";

  /** A reason given as {@code null} by an integration. */
  public static final String UNKNOWN = "unknown";

  private Reasons() {}
}
