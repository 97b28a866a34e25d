package dev.optievent.client;

/**
 * Every reason code an event can be rejected or dropped with, in one place. The codes are stable
 * snake_case strings: {@link ClientStats#droppedByReason()}, {@link ClientStats#rejectedByReason()}
 * and the {@link DeliveryListener} use them, and they are safe to use as metric tags (a bounded
 * set, plus one {@code http_<code>} per HTTP status).
 *
 * <p>An event is <b>rejected</b> when it is refused for good: by a rule before it is queued, or by
 * Optimove. It is <b>dropped</b> when it was not delivered and never will be, for any other reason.
 * The outcome table of docs/delivery.md lists each code with its meaning.
 */
public final class Reasons {

  // ---- Rejected before queueing: the event breaks a rule -------------------------------------

  /**
   * The customer ID is blank, a placeholder ({@code null}, {@code none}) or too long: rejected by
   * the client. Dropped by the aspect when a numeric ID is not a whole number.
   */
  public static final String INVALID_CUSTOMER_ID = "invalid_customer_id";

  /**
   * The visitor ID is blank, a placeholder or too long: rejected by the client. Dropped by the
   * aspect when a numeric ID is not a whole number.
   */
  public static final String INVALID_VISITOR_ID = "invalid_visitor_id";

  /** Rejected: the event key is blank. */
  public static final String BLANK_EVENT_KEY = "blank_event_key";

  /** Rejected: a parameter name is blank. */
  public static final String BLANK_PARAMETER_NAME = "blank_parameter_name";

  /** Rejected: more parameters than {@link OptimoveConfig#maxParameters()}. */
  public static final String TOO_MANY_PARAMETERS = "too_many_parameters";

  /** Rejected: a text value longer than {@link OptimoveConfig#maxTextLength()}. */
  public static final String VALUE_TOO_LONG = "value_too_long";

  /** Rejected: a number JSON cannot carry (NaN, an infinity). */
  public static final String INVALID_NUMBER = "invalid_number";

  /**
   * A value that is not text, number or boolean. Rejected when it reaches the client in an {@link
   * Event}; dropped when the aspect meets it while reading a method's values.
   */
  public static final String UNSUPPORTED_VALUE_TYPE = "unsupported_value_type";

  /** Rejected: a value whose {@code toString()} threw or returned {@code null}. */
  public static final String INVALID_VALUE = "invalid_value";

  /** Rejected: with a catalog, the event is not in it. */
  public static final String UNKNOWN_EVENT = "unknown_event";

  /** Rejected: with a catalog, a value is not of the type the catalog gives. */
  public static final String WRONG_PARAMETER_TYPE = "wrong_parameter_type";

  /** Rejected: with a catalog, a mandatory parameter is missing. */
  public static final String MISSING_MANDATORY_PARAMETER = "missing_mandatory_parameter";

  // ---- Rejected by Optimove ------------------------------------------------------------------

  /** Rejected: Optimove answered {@code "status":"error"}. */
  public static final String SERVER_ERROR = "server_error";

  /**
   * Rejected: the endpoint answered 401 or 403, refusing the request's authentication (the {@code
   * headers}, {@code signingKey} or {@code requestAuthenticator}); not retried.
   */
  public static final String UNAUTHORIZED = "unauthorized";

  /**
   * Rejected: Optimove answered a status that is not retried (say {@code http_400}); the code is
   * this prefix and the status, see {@link #http(int)}.
   */
  public static final String HTTP_PREFIX = "http_";

  // ---- Dropped by the client -----------------------------------------------------------------

  /** Dropped: neither a customer nor a visitor was known. */
  public static final String NO_IDENTITY = "no_identity";

  /** Dropped: the queue was full and the overflow policy gave this event up. */
  public static final String QUEUE_FULL = "queue_full";

  /** Dropped: every allowed attempt failed with a problem worth retrying. */
  public static final String RETRIES_EXHAUSTED = "retries_exhausted";

  /** Dropped: not delivered within {@link OptimoveConfig#maxEventAge()} of its acceptance. */
  public static final String EXPIRED = "expired";

  /** Dropped: still undelivered when {@link OptimoveClient#close()} stopped waiting. */
  public static final String SHUTDOWN = "shutdown";

  /**
   * Dropped: a record of the durable spool failed its checksum (a torn write, flipped bits, a
   * truncated file) and was skipped; counted once per damaged stretch, when the spool is read.
   */
  public static final String SPOOL_CORRUPT = "spool_corrupt";

  /**
   * Dropped: a spooled event was older than {@link OptimoveConfig#spoolMaxEventAge()} when it was
   * read back.
   */
  public static final String SPOOL_EXPIRED = "spool_expired";

  /**
   * Dropped: an event that did not fit in memory could not be written to the durable spool (an I/O
   * error: the disk is full, the directory was removed, ...); logged with the cause.
   */
  public static final String SPOOL_FAILED = "spool_failed";

  /**
   * Dropped: a spooled event was written by a client of another tenant (the spool directory was
   * shared or copied); it is not sent to this client's tenant.
   */
  public static final String SPOOL_OTHER_TENANT = "spool_other_tenant";

  /** Dropped: sent after {@link OptimoveClient#close()}. */
  public static final String CLOSED = "closed";

  /**
   * Dropped: sent to a client made by {@link OptimoveClient#disabled()} (in Spring Boot, {@code
   * optimove.enabled=false}), which discards every event.
   */
  public static final String DISABLED = "disabled";

  /**
   * Dropped: the endpoint's TLS certificate is not trusted, or not issued for its host name; not
   * retried. Trust its authority with {@code sslContext} or {@code trustStore}.
   */
  public static final String CERTIFICATE_REJECTED = "certificate_rejected";

  /** Dropped: the request could not be made, for a reason a retry would not fix (a bug). */
  public static final String SEND_FAILED = "send_failed";

  /** Dropped: a validation rule threw instead of answering (a bug). */
  public static final String VALIDATION_FAILED = "validation_failed";

  /** Dropped: an integration gave no reason (a bug). */
  public static final String UNKNOWN = "unknown";

  // ---- Dropped by the aspect: the method returned normally but no event could be built --------

  /** Dropped: the method's annotations cannot work as written (logged once with what to fix). */
  public static final String INVALID_ANNOTATION = "invalid_annotation";

  /** Dropped: reading an argument, return value or property threw. */
  public static final String VALUE_CAPTURE_FAILED = "value_capture_failed";

  /** Dropped: the {@code CustomerIdResolver} threw. */
  public static final String IDENTITY_RESOLVER_FAILED = "identity_resolver_failed";

  /**
   * Dropped: a method declared to return a {@code CompletionStage}, a {@code Mono}, a {@code Flux}
   * or a {@code Publisher} returned {@code null}.
   */
  public static final String NULL_COMPLETION_STAGE = "null_completion_stage";

  /**
   * Dropped: an annotated method was called while its thread was reporting another event (from a
   * {@code CustomerIdResolver}, or a getter read for a parameter); reporting it would recurse.
   */
  public static final String REENTRANT_CALL = "reentrant_call";

  // ---- Transactions (the Spring Boot starter's after-commit hold) ------------------------------

  /**
   * Not sent, and not a drop: the event of a method that returned inside a transaction was held for
   * its commit, and the transaction rolled back. Counted in {@link ClientStats#rolledBack()},
   * outside {@code accepted}: it reports work that never happened.
   */
  public static final String ROLLED_BACK = "rolled_back";

  /**
   * Dropped: a transaction held more events for its commit than the starter's {@code
   * optimove.transactions.max-held-events}; those past the bound are not kept.
   */
  public static final String TRANSACTION_HOLD_FULL = "transaction_hold_full";

  /**
   * Dropped: the event was held for its transaction's commit, and the commit failed in a way that
   * leaves its outcome unknown (the database may have committed): the event is not sent, and is
   * counted as a possible loss.
   */
  public static final String TRANSACTION_OUTCOME_UNKNOWN = "transaction_outcome_unknown";

  /**
   * Dropped: the transactional outbox could not store the event (the insert failed: the database
   * refused it or could not be reached); logged with the cause.
   */
  public static final String OUTBOX_WRITE_FAILED = "outbox_write_failed";

  /** Dropped: reporting failed in a way it never should (a bug of this library). */
  public static final String INTERNAL_ERROR = "internal_error";

  private Reasons() {}

  /**
   * The rejection reason for an HTTP status that is not retried.
   *
   * @param status the HTTP status, e.g. 400
   * @return e.g. {@code http_400}
   */
  public static String http(int status) {
    return HTTP_PREFIX + status;
  }
}
