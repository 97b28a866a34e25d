package dev.optievent.aspect;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * {@link OptimoveContext}'s counterpart for reactive code, where a thread says nothing about whose
 * work it runs: the customer or visitor travels in the Reactor context instead. Write it where the
 * identity is known, and every reporting method whose returned {@code Mono} or {@code Flux} is
 * subscribed to downstream of that point reports for it:
 *
 * <pre>{@code
 * return orders.place(cart)                                   // a @OptimoveEvent Mono method
 *     .contextWrite(OptimoveReactorContext.customer(customerId));
 * }</pre>
 *
 * <p>Read at subscription, and only when the call named nobody on its calling thread (an argument,
 * an {@code OptimoveContext} scope, the {@link CustomerIdResolver}); it comes before a {@link
 * ReactiveIdentityResolver}. A customer beats a visitor, as everywhere else.
 */
public final class OptimoveReactorContext {
  /** The context key of the customer ID. */
  public static final String CUSTOMER_KEY = "dev.optievent.customer";

  /** The context key of the visitor ID. */
  public static final String VISITOR_KEY = "dev.optievent.visitor";

  private OptimoveReactorContext() {}

  /**
   * As {@link OptimoveContext#customer}, a {@code null} ID names nobody: the business code never
   * fails for it, and an event that finds no identity is dropped as {@code no_identity}, counted.
   *
   * @param customerId the customer the downstream calls report for, or {@code null}
   * @return a context to write with {@code contextWrite} (empty for {@code null})
   */
  public static Context customer(String customerId) {
    return customerId == null ? Context.empty() : Context.of(CUSTOMER_KEY, customerId);
  }

  /**
   * @param visitorId the visitor the downstream calls report for, or {@code null}
   * @return a context to write with {@code contextWrite} (empty for {@code null})
   */
  public static Context visitor(String visitorId) {
    return visitorId == null ? Context.empty() : Context.of(VISITOR_KEY, visitorId);
  }

  /**
   * @param context a subscription's context
   * @return its customer ID, or {@code null}
   */
  public static String customerId(ContextView context) {
    return text(context.getOrDefault(CUSTOMER_KEY, null));
  }

  /**
   * @param context a subscription's context
   * @return its visitor ID, or {@code null}
   */
  public static String visitorId(ContextView context) {
    return text(context.getOrDefault(VISITOR_KEY, null));
  }

  private static String text(Object id) {
    return id == null ? null : id.toString();
  }
}
