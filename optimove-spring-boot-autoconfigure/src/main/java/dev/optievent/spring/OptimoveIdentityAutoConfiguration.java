package dev.optievent.spring;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveEventAspect;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The default {@link CustomerIdResolver}: with Spring Security, the authenticated principal's name
 * (or, for a resource server, the JWT claim {@code optimove.security.customer-id-claim}), read on
 * the calling thread or, with Reactor, for a call that returns a {@code Mono} or {@code Flux}, from
 * the subscription's reactive security context (WebFlux); a visitor ID from the request cookie
 * {@code optimove.visitor.cookie} or header {@code optimove.visitor.header}. A {@code
 * CustomerIdResolver} bean of the application's replaces it.
 */
@AutoConfiguration(before = OptimoveAutoConfiguration.class)
@ConditionalOnClass(OptimoveEventAspect.class)
@ConditionalOnBooleanProperty(name = "optimove.enabled", matchIfMissing = true)
public class OptimoveIdentityAutoConfiguration {
  static final String SECURITY = "org.springframework.security.core.context.SecurityContextHolder";
  static final String JWT =
      "org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken";
  static final String CLAIM = "optimove.security.customer-id-claim";
  static final String REACTOR = "reactor.core.publisher.Mono";

  /** For Spring: use the auto-configuration through the starter. */
  OptimoveIdentityAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = SECURITY)
  static class FromSecurity {

    // A member class is registered before its outer class's beans: the claim wins when set.
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = JWT)
    @ConditionalOnProperty(CLAIM)
    static class FromJwtClaim {
      @Bean
      @ConditionalOnMissingBean(CustomerIdResolver.class)
      CustomerIdResolver optimoveJwtCustomerIdResolver(Environment env, ApplicationContext ctx) {
        String claim = env.getProperty(CLAIM);
        CustomerIdResolver onThread =
            new RequestIdentityResolver(
                () -> SecurityIdentity.jwtClaim(claim),
                RequestVisitors.from(env, ctx.getClassLoader()));
        return reactor(ctx)
            ? ReactiveSecurityIdentity.resolver(
                onThread, () -> ReactiveSecurityIdentity.jwtClaim(claim))
            : onThread;
      }
    }

    @Bean
    @ConditionalOnMissingBean(CustomerIdResolver.class)
    CustomerIdResolver optimoveCustomerIdResolver(Environment env, ApplicationContext ctx) {
      CustomerIdResolver onThread =
          new RequestIdentityResolver(
              SecurityIdentity::principalName, RequestVisitors.from(env, ctx.getClassLoader()));
      return reactor(ctx)
          ? ReactiveSecurityIdentity.resolver(onThread, ReactiveSecurityIdentity::principalName)
          : onThread;
    }

    /** With Reactor, reactive calls also read Security's reactive context (WebFlux). */
    private static boolean reactor(ApplicationContext ctx) {
      return ClassUtils.isPresent(REACTOR, ctx.getClassLoader());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(SECURITY)
  @Conditional(VisitorConfigured.class)
  static class VisitorOnly {
    @Bean
    @ConditionalOnMissingBean(CustomerIdResolver.class)
    CustomerIdResolver optimoveVisitorIdResolver(Environment env, ApplicationContext ctx) {
      return new RequestIdentityResolver(null, RequestVisitors.from(env, ctx.getClassLoader()));
    }
  }

  /** A visitor cookie or header is named. */
  static final class VisitorConfigured extends AnyNestedCondition {
    VisitorConfigured() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(RequestVisitors.COOKIE)
    static class Cookie {}

    @ConditionalOnProperty(RequestVisitors.HEADER)
    static class Header {}
  }

  /** Asks each source on the business thread, where the request and security context are. */
  static final class RequestIdentityResolver implements CustomerIdResolver {
    private final Supplier<String> customer;
    private final Supplier<String> visitor;

    RequestIdentityResolver(Supplier<String> customer, Supplier<String> visitor) {
      this.customer = customer;
      this.visitor = visitor;
    }

    @Override
    public String currentCustomerId() {
      return customer == null ? null : customer.get();
    }

    @Override
    public String currentVisitorId() {
      return visitor == null ? null : visitor.get();
    }
  }
}
