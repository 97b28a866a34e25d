package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The default resolver: Spring Security's principal, a JWT claim, a visitor cookie or header. */
class SecurityIdentityTest {
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    SecurityContextHolder.clearContext();
    RequestContextHolder.resetRequestAttributes();
    OptimoveReporting.disconnect();
    server.close();
  }

  private static void signIn(String user) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
  }

  @Test
  void reportsForTheAuthenticatedPrincipal() {
    OptimoveContexts.reportingTo(server)
        .withBean(Signups.class)
        .run(
            context -> {
              signIn("alice");
              context.getBean(Signups.class).signUp("a@example.com");

              ReceivedEvent event = server.awaitAcceptedEvents(1, Duration.ofSeconds(10)).get(0);
              assertThat(event.customer()).isEqualTo("alice");
            });
  }

  @Test
  void anAnonymousOrMissingAuthenticationIsNoCustomer() {
    OptimoveContexts.reportingTo(server)
        .run(
            context -> {
              CustomerIdResolver resolver = context.getBean(CustomerIdResolver.class);
              assertThat(resolver.currentCustomerId()).isNull();
              SecurityContextHolder.getContext()
                  .setAuthentication(
                      new AnonymousAuthenticationToken(
                          "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANON")));
              assertThat(resolver.currentCustomerId()).isNull();
            });
  }

  @Test
  void aPropertySelectsAJwtClaimForResourceServers() {
    OptimoveContexts.reportingTo(server)
        .withPropertyValues("optimove.security.customer-id-claim=customer_id")
        .run(
            context -> {
              Jwt jwt =
                  Jwt.withTokenValue("t")
                      .header("alg", "none")
                      .subject("subject-1")
                      .claim("customer_id", "c-77")
                      .issuedAt(Instant.now())
                      .build();
              SecurityContextHolder.getContext()
                  .setAuthentication(new JwtAuthenticationToken(jwt, List.of()));

              assertThat(context.getBean(CustomerIdResolver.class).currentCustomerId())
                  .isEqualTo("c-77");
            });
  }

  @Test
  void theVisitorComesFromANamedCookieOrHeaderOnlyWhenAsked() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(new Cookie("vid", "v-cookie"));
    request.addHeader("X-Visitor", "v-header");
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

    OptimoveContexts.reportingTo(server)
        .run(
            context ->
                assertThat(context.getBean(CustomerIdResolver.class).currentVisitorId()).isNull());
    OptimoveContexts.reportingTo(server)
        .withPropertyValues("optimove.visitor.cookie=vid", "optimove.visitor.header=X-Visitor")
        .run(
            context ->
                assertThat(context.getBean(CustomerIdResolver.class).currentVisitorId())
                    .isEqualTo("v-cookie"));
    OptimoveContexts.reportingTo(server)
        .withPropertyValues("optimove.visitor.header=X-Visitor")
        .run(
            context ->
                assertThat(context.getBean(CustomerIdResolver.class).currentVisitorId())
                    .isEqualTo("v-header"));
  }

  @Test
  void theApplicationsResolverReplacesTheDefault() {
    OptimoveContexts.reportingTo(server)
        .withBean(CustomerIdResolver.class, () -> () -> "mine")
        .run(
            context -> {
              assertThat(context).hasSingleBean(CustomerIdResolver.class);
              signIn("alice");
              assertThat(context.getBean(CustomerIdResolver.class).currentCustomerId())
                  .isEqualTo("mine");
            });
  }
}
