package dev.optievent.spring;

import dev.optievent.aspect.OptimoveContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * WebFlux's counterpart of {@link OptimoveScopeFilter}: ends the scopes opened and left open on the
 * event-loop thread while the request's handling was assembled. (Scopes belong to threads; reactive
 * code should carry its identity in the Reactor context: {@code OptimoveReactorContext}.)
 */
final class OptimoveScopeWebFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Object mark = OptimoveContext.mark();
    try {
      return chain.filter(exchange);
    } finally {
      LeakedScopes.closeSince(
          mark, exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath());
    }
  }
}
