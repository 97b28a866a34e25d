package dev.optievent.spring;

import dev.optievent.client.OptimoveClient;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With Actuator's health support on the class path, a health contributor {@code optimove}: what was
 * delivered, dropped and is pending, and when a delivery last succeeded. An Optimove outage shows
 * in its details but keeps it {@code UP}, unless {@code optimove.health.down-on-outage=true}.
 */
@AutoConfiguration(after = OptimoveAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, OptimoveClient.class})
@ConditionalOnBooleanProperty(name = "optimove.enabled", matchIfMissing = true)
public class OptimoveHealthAutoConfiguration {
  static final String DOWN_ON_OUTAGE = "optimove.health.down-on-outage";
  static final String OUTAGE_AFTER = "optimove.health.outage-after";

  /** For Spring: use the auto-configuration through the starter. */
  OptimoveHealthAutoConfiguration() {}

  // Nested: the condition's own class is in the health module, checked for by the class above.
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnEnabledHealthIndicator("optimove")
  static class Contributor {

    @Bean
    @ConditionalOnBean(OptimoveClient.class)
    @ConditionalOnMissingBean(name = "optimoveHealthIndicator")
    HealthIndicator optimoveHealthIndicator(OptimoveClient client, Environment env) {
      // No DeliveryListener: the indicator reads the counters (see DeliveryTracker).
      return new OptimoveHealthIndicator(
          client,
          env.getProperty(DOWN_ON_OUTAGE, Boolean.class, false),
          Binder.get(env).bind(OUTAGE_AFTER, Duration.class).orElse(Duration.ofMinutes(5)));
    }
  }
}
