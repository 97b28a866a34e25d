package dev.optievent.spring;

import dev.optievent.aspect.OptimoveContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * A servlet filter, first in the chain, that ends the {@code OptimoveContext} scopes a request left
 * open on its thread ({@link LeakedScopes}). {@code optimove.context.close-leaked-scopes=false}
 * removes it.
 */
final class OptimoveScopeFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Object mark = OptimoveContext.mark();
    try {
      chain.doFilter(request, response);
    } finally {
      LeakedScopes.closeSince(mark, describe(request));
    }
  }

  private static String describe(ServletRequest request) {
    return request instanceof HttpServletRequest http
        ? http.getMethod() + " " + http.getRequestURI()
        : "a request";
  }
}
