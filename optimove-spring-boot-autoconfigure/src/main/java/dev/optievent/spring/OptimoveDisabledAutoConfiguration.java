package dev.optievent.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Says once, at INFO, that {@code optimove.enabled=false} is in force: no client, no proxies,
 * nothing sent.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "optimove.enabled", havingValue = false)
public class OptimoveDisabledAutoConfiguration {
  private static final Logger LOG =
      LoggerFactory.getLogger(OptimoveDisabledAutoConfiguration.class);

  /** For Spring: use the auto-configuration through the starter. */
  OptimoveDisabledAutoConfiguration() {}

  @Bean
  Disabled optimoveDisabled() {
    LOG.info(
        "Optimove reporting is off (optimove.enabled=false): no client is created and annotated"
            + " methods run without reporting");
    return new Disabled();
  }

  /** Marks, in the context, that reporting is off. */
  static final class Disabled {}
}
