package dev.optievent.spring;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.ReactiveIdentityResolver;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/**
 * The customer from Spring Security's reactive context (WebFlux keeps the principal in the Reactor
 * context, not on a thread); loaded only when Security and Reactor are there.
 */
final class ReactiveSecurityIdentity {
  private ReactiveSecurityIdentity() {}

  /** The subscription's authenticated principal's name; empty when anonymous or none. */
  static Mono<String> principalName() {
    return authenticated().map(Authentication::getName);
  }

  /** A JWT claim of the subscription's token; the principal's name for other authentications. */
  static Mono<String> jwtClaim(String claim) {
    return authenticated().mapNotNull(auth -> SecurityIdentity.claimOrName(auth, claim));
  }

  private static Mono<Authentication> authenticated() {
    return ReactiveSecurityContextHolder.getContext()
        .mapNotNull(SecurityContext::getAuthentication)
        .mapNotNull(SecurityIdentity::authenticated);
  }

  /**
   * {@code onThread}, which also answers for reactive calls from the subscription's context.
   *
   * @param onThread the resolver read on the calling thread
   * @param customer the customer of a subscription
   * @return a resolver for both
   */
  static CustomerIdResolver resolver(CustomerIdResolver onThread, Supplier<Mono<String>> customer) {
    return new Both(onThread, customer);
  }

  /** Reads the calling thread, or a subscription's context for a reactive call. */
  private static final class Both implements CustomerIdResolver, ReactiveIdentityResolver {
    private final CustomerIdResolver onThread;
    private final Supplier<Mono<String>> customer;

    Both(CustomerIdResolver onThread, Supplier<Mono<String>> customer) {
      this.onThread = onThread;
      this.customer = customer;
    }

    @Override
    public String currentCustomerId() {
      return onThread.currentCustomerId();
    }

    @Override
    public String currentVisitorId() {
      return onThread.currentVisitorId();
    }

    @Override
    public Mono<String> reactiveCustomerId() {
      return customer.get();
    }
  }
}
