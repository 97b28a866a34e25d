package dev.optievent.aspect.internal;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveContext;
import dev.optievent.client.Reasons;

/**
 * Who a call reports for, read on the calling thread in this order: the customer from an argument,
 * then from the innermost {@link OptimoveContext} scope; failing both, the visitor the same way;
 * failing all of those, the {@link CustomerIdResolver}. Optimove takes a customer or a visitor,
 * never both, so a known customer ends the search. An ID given as a number is sent as the plain
 * digits of a whole number; any other number is an invalid ID, and the event is dropped ({@code
 * invalid_customer_id} / {@code invalid_visitor_id}).
 */
final class Identities {
  private Identities() {}

  /**
   * Sets the call's customer or visitor.
   *
   * @param call the call
   * @param resolver the connected resolver, or {@code null}
   * @param result what the method returned
   * @return {@code false} if reading an identity failed (the event is dropped already)
   */
  static boolean read(Call call, CustomerIdResolver resolver, Object result) {
    boolean readingVisitor = false;
    try {
      call.customer = call.id(call.plan.customer, result);
      if (call.customer == null) {
        call.customer = OptimoveContext.currentCustomerId();
      }
      if (call.customer == null) {
        readingVisitor = true;
        call.visitor = call.id(call.plan.visitor, result);
        if (call.visitor == null) {
          call.visitor = OptimoveContext.currentVisitorId();
        }
      }
    } catch (NumericIds.NotAnId e) {
      // An ID given is invalid: the event is not sent for someone else (the context, the resolver).
      call.customer = null;
      call.visitor = null;
      call.drop(
          readingVisitor ? Reasons.INVALID_VISITOR_ID : Reasons.INVALID_CUSTOMER_ID,
          new IllegalArgumentException(
              "the "
                  + (readingVisitor ? "@VisitorId" : "@CustomerId")
                  + " of "
                  + call.plan.methodName
                  + " "
                  + e.getMessage()
                  + "; an ID must be text or a whole number",
              e));
      return false;
    } catch (Throwable t) {
      call.customer = null;
      call.visitor = null;
      call.drop(Reasons.VALUE_CAPTURE_FAILED, t);
      return false;
    }
    if (call.customer != null || call.visitor != null || resolver == null) {
      return true;
    }
    try {
      call.customer = resolver.currentCustomerId();
      if (call.customer == null) {
        call.visitor = resolver.currentVisitorId();
      }
      return true;
    } catch (Throwable t) {
      call.customer = null;
      call.visitor = null;
      call.drop(Reasons.IDENTITY_RESOLVER_FAILED, t);
      return false;
    }
  }
}
