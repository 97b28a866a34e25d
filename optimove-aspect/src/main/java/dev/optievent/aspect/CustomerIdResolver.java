package dev.optievent.aspect;

/**
 * Supplies the current customer (and optionally visitor) ID when a reporting method has no
 * {@code @CustomerId} argument and no {@link OptimoveContext} scope is open, e.g. from your
 * security context or request attributes.
 *
 * <p>Called on the business thread, right after the annotated method returns, so thread-bound state
 * (a request scope, a security context) is visible. Keep it cheap. An exception thrown here never
 * reaches the business caller: the event is dropped with reason {@code identity_resolver_failed}
 * and logged. An annotated method it calls runs normally, but is not reported (reporting it would
 * ask this resolver again, and so on): its event is dropped with reason {@code reentrant_call}.
 *
 * <p>With Guice, bind an implementation ({@code bind(CustomerIdResolver.class).to(...)}) and {@code
 * dev.optievent.guice.OptimoveModule} (optimove-guice) uses it; without Guice, pass it to {@link
 * OptimoveReporting#connect(dev.optievent.client.OptimoveClient, CustomerIdResolver)}.
 */
@FunctionalInterface
public interface CustomerIdResolver {

  /**
   * The current customer ID.
   *
   * @return the ID, or {@code null} if no customer is known
   */
  String currentCustomerId();

  /**
   * The current visitor ID, used only when no customer ID is known.
   *
   * @return the ID, or {@code null} if no visitor is known (the default)
   */
  default String currentVisitorId() {
    return null;
  }
}
