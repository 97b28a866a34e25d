package dev.optievent.aspect;

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
 */
public final class OptimoveContext {

  private static final ThreadLocal<Identity> CURRENT = new ThreadLocal<>();

  private OptimoveContext() {}

  /**
   * Opens a scope in which the customer ID is {@code customerId}.
   *
   * @param customerId the customer ID
   * @return the scope; close it (try-with-resources) to restore the previous identity
   */
  public static Scope customer(String customerId) {
    return open(new Identity(customerId, null));
  }

  /**
   * Opens a scope in which the visitor ID is {@code visitorId} (and no customer is known).
   *
   * @param visitorId the visitor ID
   * @return the scope; close it to restore the previous identity
   */
  public static Scope visitor(String visitorId) {
    return open(new Identity(null, visitorId));
  }

  /**
   * Opens a scope with both IDs known; events report the customer only, as Optimove requires.
   *
   * @param customerId the customer ID, may be {@code null}
   * @param visitorId the visitor ID, may be {@code null}
   * @return the scope; close it to restore the previous identity
   */
  public static Scope of(String customerId, String visitorId) {
    return open(new Identity(customerId, visitorId));
  }

  /**
   * The customer ID of the innermost open scope on this thread.
   *
   * @return the ID, or {@code null}
   */
  public static String currentCustomerId() {
    Identity id = CURRENT.get();
    return id == null ? null : id.customerId;
  }

  /**
   * The visitor ID of the innermost open scope on this thread.
   *
   * @return the ID, or {@code null}
   */
  public static String currentVisitorId() {
    Identity id = CURRENT.get();
    return id == null ? null : id.visitorId;
  }

  private static Scope open(Identity identity) {
    Identity previous = CURRENT.get();
    CURRENT.set(identity);
    return new Scope(previous);
  }

  /** An open identity scope. Close it on the thread that opened it. */
  public static final class Scope implements AutoCloseable {
    private final Identity previous;
    private boolean closed;

    private Scope(Identity previous) {
      this.previous = previous;
    }

    /** Restores the identity that was current when this scope was opened. Idempotent. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  private static final class Identity {
    final String customerId;
    final String visitorId;

    Identity(String customerId, String visitorId) {
      this.customerId = customerId;
      this.visitorId = visitorId;
    }
  }
}
