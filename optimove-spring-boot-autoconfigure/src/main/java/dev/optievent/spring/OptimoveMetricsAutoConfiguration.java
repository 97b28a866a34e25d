package dev.optievent.spring;

import dev.optievent.client.OptimoveClient;
import dev.optievent.micrometer.OptimoveMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With {@code optimove-micrometer} on the class path, the client's meters as a {@link MeterBinder}
 * bean, which Boot's metrics support binds to every registry of the application. The {@code event}
 * tag is off unless {@code optimove.metrics.event-tag=true}. An application's own {@link
 * OptimoveMetrics} bean replaces this one.
 */
@AutoConfiguration(after = OptimoveAutoConfiguration.class)
@ConditionalOnClass({MeterBinder.class, OptimoveMetrics.class, OptimoveClient.class})
@ConditionalOnBooleanProperty(name = "optimove.enabled", matchIfMissing = true)
public class OptimoveMetricsAutoConfiguration {
  static final String EVENT_TAG = "optimove.metrics.event-tag";

  /** For Spring: use the auto-configuration through the starter. */
  OptimoveMetricsAutoConfiguration() {}

  @Bean
  @ConditionalOnBean(OptimoveClient.class)
  @ConditionalOnMissingBean
  OptimoveMetrics optimoveMetrics(
      OptimoveClient client, org.springframework.core.env.Environment env) {
    return new OptimoveMetrics(client)
        .withEventTag(env.getProperty(EVENT_TAG, Boolean.class, false));
  }
}
