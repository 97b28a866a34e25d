package dev.optievent.spring;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveEventAspect;
import dev.optievent.aspect.internal.Bridge;
import dev.optievent.aspect.internal.TransactionHold;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.OptimoveConfigException;
import dev.optievent.client.RequestAuthenticator;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.aop.Advisor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Reports {@code @OptimoveEvent} methods of a Spring Boot application: an {@link OptimoveClient}
 * built from the {@code optimove.*} properties (closed with the context), Spring AOP proxies for
 * beans with annotated methods, and the woven aspect (if the application weaves) connected to the
 * same client. Inside a Spring-managed transaction, events wait for its commit (see {@code
 * optimove.transactions.*}). {@code optimove.enabled=false} turns all of it off.
 *
 * <p>A bean of the application's own always wins: an {@link OptimoveClient}, a {@link
 * CustomerIdResolver}, {@link DeliveryListener}s or a {@link RequestAuthenticator} (used when it is
 * the only one); {@link OptimoveConfigCustomizer} beans adjust what properties cannot say.
 */
// After the transaction auto-configuration: its advisor and ours have the same (lowest) order, so
// the one registered first runs first. Ours must run inside it, so that the event of a method
// with its own transaction (REQUIRES_NEW) is held by that transaction, not the caller's.
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
      "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration"
    })
@ConditionalOnClass({OptimoveClient.class, OptimoveEventAspect.class, Advisor.class})
@ConditionalOnBooleanProperty(name = "optimove.enabled", matchIfMissing = true)
@Import(OptimoveAutoConfiguration.AutoProxying.class)
public class OptimoveAutoConfiguration {
  static final String AFTER_COMMIT = "optimove.transactions.after-commit";
  static final String PROPAGATE_IDENTITY = "optimove.async.propagate-identity";
  static final String CLOSE_LEAKED_SCOPES = "optimove.context.close-leaked-scopes";
  static final String MAX_HELD_EVENTS = "optimove.transactions.max-held-events";

  /** As many as the default queue takes: more could not be queued at the commit anyway. */
  static final int DEFAULT_MAX_HELD = 10_000;

  /** For Spring: use the auto-configuration through the starter. */
  OptimoveAutoConfiguration() {}

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  OptimoveClient optimoveClient(
      Environment environment,
      ObjectProvider<DeliveryListener> listeners,
      ObjectProvider<RequestAuthenticator> authenticator,
      ObjectProvider<OptimoveConfigCustomizer> customizers) {
    OptimoveConfig.Builder builder = OptimoveConfig.builder().properties(environment::getProperty);
    List<DeliveryListener> all = listeners.orderedStream().toList();
    if (!all.isEmpty()) {
      builder.deliveryListener(all.size() == 1 ? all.get(0) : new CompositeDeliveryListener(all));
    }
    authenticator.ifUnique(builder::requestAuthenticator);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return OptimoveClient.create(builder.build());
  }

  // One per hierarchy: a child context that finds its parent's reports to the parent's client, and
  // its closing must not end the parent's connection.
  @Bean
  @ConditionalOnMissingBean(ReportingConnection.class)
  ReportingConnection optimoveReportingConnection(
      OptimoveClient client,
      ObjectProvider<CustomerIdResolver> resolver,
      ObjectProvider<TransactionHold> hold) {
    return new ReportingConnection(client, resolver.getIfUnique(), hold.getIfAvailable());
  }

  /**
   * With spring-tx on the class path: events of methods that return inside a transaction wait for
   * its commit, unless {@code optimove.transactions.after-commit=false}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronization")
  @ConditionalOnBooleanProperty(name = AFTER_COMMIT, matchIfMissing = true)
  static class AfterCommit {
    @Bean
    TransactionHold optimoveTransactionHold(Environment environment) {
      int max =
          Binder.get(environment).bind(MAX_HELD_EVENTS, Integer.class).orElse(DEFAULT_MAX_HELD);
      if (max < 1) {
        throw new OptimoveConfigException(
            MAX_HELD_EVENTS
                + " is "
                + max
                + " but must be at least 1: the most events one transaction holds for its commit"
                + " (default "
                + DEFAULT_MAX_HELD
                + ")");
      }
      return new SpringTransactionHold(max);
    }
  }

  /**
   * With Spring's task executors: the caller's identity travels with each task to the executor's
   * thread ({@link OptimoveTaskDecorator}), unless {@code optimove.async.propagate-identity=false}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.core.task.TaskDecorator")
  @ConditionalOnBooleanProperty(name = PROPAGATE_IDENTITY, matchIfMissing = true)
  static class Async {
    @Bean
    @ConditionalOnMissingBean(name = "optimoveTaskDecorator")
    OptimoveTaskDecorator optimoveTaskDecorator(ObjectProvider<CustomerIdResolver> resolver) {
      return new OptimoveTaskDecorator(resolver::getIfUnique);
    }
  }

  /**
   * In a servlet application: a filter, first in the chain, that ends the {@code OptimoveContext}
   * scopes a request left open on its pooled thread, unless {@code
   * optimove.context.close-leaked-scopes=false}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Filter")
  @ConditionalOnBooleanProperty(name = CLOSE_LEAKED_SCOPES, matchIfMissing = true)
  static class ServletScopes {
    @Bean
    @ConditionalOnMissingBean(name = "optimoveScopeFilter")
    org.springframework.boot.web.servlet.FilterRegistrationBean<OptimoveScopeFilter>
        optimoveScopeFilter() {
      var registration =
          new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
              new OptimoveScopeFilter());
      registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
      registration.setName("optimoveScopeFilter");
      return registration;
    }
  }

  /** In a WebFlux application: {@link OptimoveScopeWebFilter}, first. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
  @ConditionalOnBooleanProperty(name = CLOSE_LEAKED_SCOPES, matchIfMissing = true)
  static class ReactiveScopes {
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "optimoveScopeWebFilter")
    OptimoveScopeWebFilter optimoveScopeWebFilter() {
      return new OptimoveScopeWebFilter();
    }
  }

  // Static, and infrastructure: found by any auto-proxy creator before other beans are created.
  // One per context: an auto-proxy creator applies its own context's advisors only, and a child
  // context's interceptor finds the parent's connection through the provider.
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor optimoveEventAdvisor(ObjectProvider<ReportingConnection> connection) {
    return new OptimoveEventAdvisor(new ContextConnection(connection));
  }

  /**
   * This context's connection: its client, resolver and hold, for its proxies (whatever other
   * contexts connect) and for woven code while it is the newest context open. Destroyed before the
   * client, which then delivers what is queued.
   */
  static final class ReportingConnection implements DisposableBean {
    private final Bridge.Connection connection;

    ReportingConnection(OptimoveClient client, CustomerIdResolver resolver, TransactionHold hold) {
      this.connection = new Bridge.Connection(client, resolver, hold);
      Bridge.connect(connection);
    }

    Bridge.Connection connection() {
      return connection;
    }

    @Override
    public void destroy() {
      Bridge.disconnect(connection);
    }
  }

  /**
   * The interceptor's way to its own context's connection, looked up once it exists (the advisor is
   * made before any other bean) and then kept.
   */
  static final class ContextConnection implements Supplier<Bridge.Connection> {
    private final ObjectProvider<ReportingConnection> provider;
    private volatile Bridge.Connection resolved;

    ContextConnection(ObjectProvider<ReportingConnection> provider) {
      this.provider = provider;
    }

    @Override
    public Bridge.Connection get() {
      Bridge.Connection c = resolved;
      if (c != null) {
        return c;
      }
      try {
        ReportingConnection own = provider.getIfAvailable();
        if (own != null) {
          c = own.connection();
          resolved = c;
        }
      } catch (RuntimeException e) {
        // Called while the context is still making the connection, or after it closed: the event
        // is counted as one without a client, never sent to another context's client.
      }
      return c;
    }
  }

  /**
   * Makes sure an auto-proxy creator exists. Boot's own AOP auto-configuration normally registers a
   * stronger one (class proxies, per {@code spring.aop.proxy-target-class}); this one only counts
   * when it does not, such as with {@code spring.aop.auto=false}.
   */
  static final class AutoProxying implements ImportBeanDefinitionRegistrar {
    @Override
    public void registerBeanDefinitions(
        AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
    }
  }
}
