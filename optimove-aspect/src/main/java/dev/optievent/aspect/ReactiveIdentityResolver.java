package dev.optievent.aspect;

import reactor.core.publisher.Mono;

/**
 * Who a reactive call reports for when nothing on the calling thread says: read from the Reactor
 * context of the subscription to the {@code Mono} or {@code Flux} the reporting method returned, as
 * Spring Security keeps its reactive {@code SecurityContext}. Implement it on your {@link
 * CustomerIdResolver} (the one object serves both): it is asked once per call, at subscription,
 * when neither an argument, an {@link OptimoveContext} scope, the resolver on the calling thread
 * nor the subscription's {@link OptimoveReactorContext} named anyone. The Spring Boot starter's
 * resolver does this for Spring Security when Reactor is present.
 *
 * <p>Each method returns a {@code Mono} that reads the subscriber's context (for example with
 * {@code Mono.deferContextual} or {@code ReactiveSecurityContextHolder.getContext()}): empty for
 * nobody. An error drops the call's event as {@code identity_resolver_failed} and never reaches the
 * business publisher, whose work runs regardless.
 */
public interface ReactiveIdentityResolver {

  /**
   * @return the customer ID of the subscription, or an empty {@code Mono}
   */
  Mono<String> reactiveCustomerId();

  /**
   * @return the visitor ID of the subscription, asked only when no customer ID was found; empty by
   *     default
   */
  default Mono<String> reactiveVisitorId() {
    return Mono.empty();
  }
}
