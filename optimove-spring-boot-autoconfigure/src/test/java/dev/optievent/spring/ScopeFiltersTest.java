package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.OptimoveContext;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.testing.FakeOptimoveServer;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The request-end safety net: a scope a request leaves open on its thread is ended when the request
 * ends, in servlet and WebFlux applications, and the thread reports as before it.
 */
class ScopeFiltersTest {
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    OptimoveReporting.disconnect();
    server.close();
  }

  private String[] reporting() {
    return new String[] {
      "optimove.endpoint=" + server.endpoint(), "optimove.tenant=42", "optimove.shutdown-timeout=2s"
    };
  }

  @Test
  void aServletRequestsLeakedScopeIsEndedWhenTheRequestEnds() {
    new WebApplicationContextRunner()
        .withConfiguration(OptimoveContexts.ALL)
        .withPropertyValues(reporting())
        .run(
            context -> {
              FilterRegistrationBean<?> registration =
                  context.getBean("optimoveScopeFilter", FilterRegistrationBean.class);
              assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
              FilterChain leaking = (request, response) -> OptimoveContext.customer("c-leaked");

              registration
                  .getFilter()
                  .doFilter(
                      new MockHttpServletRequest("POST", "/checkout"),
                      new MockHttpServletResponse(),
                      leaking);

              assertThat(OptimoveContext.currentCustomerId()).isNull();
            });
  }

  @Test
  void aScopeTheRequestClosedAndOneAroundItAreLeftAsTheyAre() {
    new WebApplicationContextRunner()
        .withConfiguration(OptimoveContexts.ALL)
        .withPropertyValues(reporting())
        .run(
            context -> {
              FilterRegistrationBean<?> registration =
                  context.getBean("optimoveScopeFilter", FilterRegistrationBean.class);
              FilterChain tidy =
                  (request, response) -> {
                    try (OptimoveContext.Scope scope = OptimoveContext.customer("c-inner")) {
                      assertThat(OptimoveContext.currentCustomerId()).isEqualTo("c-inner");
                    }
                  };
              try (OptimoveContext.Scope around = OptimoveContext.customer("c-around")) {
                registration
                    .getFilter()
                    .doFilter(
                        new MockHttpServletRequest("GET", "/"),
                        new MockHttpServletResponse(),
                        tidy);

                assertThat(OptimoveContext.currentCustomerId()).isEqualTo("c-around");
              }
            });
  }

  @Test
  void aWebFluxRequestsLeakedScopeIsEndedWhenItsHandlingIsAssembled() {
    new ReactiveWebApplicationContextRunner()
        .withConfiguration(OptimoveContexts.ALL)
        .withPropertyValues(reporting())
        .run(
            context -> {
              OptimoveScopeWebFilter filter = context.getBean(OptimoveScopeWebFilter.class);
              WebFilterChain leaking =
                  exchange -> {
                    OptimoveContext.customer("c-leaked");
                    return Mono.empty();
                  };

              filter
                  .filter(MockServerWebExchange.from(MockServerHttpRequest.get("/orders")), leaking)
                  .block();

              assertThat(OptimoveContext.currentCustomerId()).isNull();
            });
  }

  @Test
  void turnedOffOrOutsideAWebApplicationThereIsNoFilter() {
    new WebApplicationContextRunner()
        .withConfiguration(OptimoveContexts.ALL)
        .withPropertyValues(reporting())
        .withPropertyValues("optimove.context.close-leaked-scopes=false")
        .run(context -> assertThat(context).doesNotHaveBean("optimoveScopeFilter"));
    OptimoveContexts.reportingTo(server)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("optimoveScopeFilter");
              assertThat(context).doesNotHaveBean(OptimoveScopeWebFilter.class);
            });
  }
}
