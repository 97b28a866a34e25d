package dev.optievent.aspect.internal;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReactorContext;
import dev.optievent.aspect.ReactiveIdentityResolver;
import dev.optievent.client.Reasons;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Decorates the {@code Mono} or {@code Flux} a reporting method returned so that its call is
 * reported when its work completes: once per call whatever the number of subscribers, on the first
 * successful terminal signal. An error or a cancel sends nothing (the work did not happen, as when
 * a method throws), and neither does a publisher nobody subscribes to.
 *
 * <p>A call that named nobody on its calling thread reads who it reports for from the context of
 * its subscription: {@link OptimoveReactorContext}, then a {@link ReactiveIdentityResolver}. Only
 * such calls pay for that (one more operator and an identity per subscription).
 *
 * <p>Loaded only for methods that return these types, so that Reactor stays optional. Internal.
 */
final class ReactiveCompletions {
  private ReactiveCompletions() {}

  /** Who a subscription reports for; {@code failure} if the resolver failed. */
  private record Identity(String customer, String visitor, Throwable failure) {
    static final Identity NONE = new Identity(null, null, null);
  }

  /** A {@code Mono}: its value (or {@code null} when empty) is the return value. */
  static Object mono(Call call, Object result, CustomerIdResolver resolver) {
    Mono<?> source = (Mono<?>) result;
    AtomicBoolean reported = new AtomicBoolean();
    if (call.customer != null || call.visitor != null) {
      return source.doOnSuccess(value -> finishOnce(reported, call, value, null));
    }
    return Mono.deferContextual(
        context ->
            identity(context, resolver)
                .flatMap(id -> source.doOnSuccess(value -> finishOnce(reported, call, value, id))));
  }

  /** A {@code Flux}: reported when it completes; it has no single value to read parameters from. */
  static Object flux(Call call, Object result, CustomerIdResolver resolver) {
    Flux<?> source = (Flux<?>) result;
    AtomicBoolean reported = new AtomicBoolean();
    if (call.customer != null || call.visitor != null) {
      return source.doOnComplete(() -> finishOnce(reported, call, null, null));
    }
    return Flux.deferContextual(
        context ->
            identity(context, resolver)
                .flatMapMany(
                    id -> source.doOnComplete(() -> finishOnce(reported, call, null, id))));
  }

  /** The subscription's identity: its context's IDs, else the resolver's; never empty. */
  private static Mono<Identity> identity(ContextView context, CustomerIdResolver resolver) {
    String customer = OptimoveReactorContext.customerId(context);
    if (customer != null) {
      return Mono.just(new Identity(customer, null, null));
    }
    String visitor = OptimoveReactorContext.visitorId(context);
    if (visitor != null) {
      return Mono.just(new Identity(null, visitor, null));
    }
    if (!(resolver instanceof ReactiveIdentityResolver reactive)) {
      return Mono.just(Identity.NONE);
    }
    return Mono.defer(reactive::reactiveCustomerId)
        .map(id -> new Identity(id, null, null))
        .switchIfEmpty(
            Mono.defer(reactive::reactiveVisitorId).map(id -> new Identity(null, id, null)))
        .defaultIfEmpty(Identity.NONE)
        .onErrorResume(failure -> Mono.just(new Identity(null, null, failure)));
  }

  private static void finishOnce(AtomicBoolean reported, Call call, Object value, Identity id) {
    if (!reported.compareAndSet(false, true)) {
      return;
    }
    if (id != null) {
      if (id.failure() != null) {
        call.drop(Reasons.IDENTITY_RESOLVER_FAILED, id.failure());
        return;
      }
      call.customer = id.customer();
      call.visitor = id.visitor();
    }
    EventReporter.finishLater(call, value, null);
  }
}
