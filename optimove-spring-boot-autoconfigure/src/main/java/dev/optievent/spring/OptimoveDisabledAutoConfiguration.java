package dev.optievent.spring;

import dev.optievent.client.OptimoveClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@code optimove.enabled=false}: an {@link OptimoveClient} bean that discards every event ({@link
 * OptimoveClient#disabled()}: counted as dropped {@code disabled}, no thread, no network, no {@code
 * optimove.*} property read), so that the application's own beans that inject one still start; no
 * proxies; woven classes report to it, quietly. Says once, at INFO, that reporting is off.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "optimove.enabled", havingValue = false)
@ConditionalOnClass(OptimoveClient.class)
public class OptimoveDisabledAutoConfiguration {
  private static final Logger LOG =
      LoggerFactory.getLogger(OptimoveDisabledAutoConfiguration.class);

  /** For Spring: use the auto-configuration through the starter. */
  OptimoveDisabledAutoConfiguration() {}

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  OptimoveClient optimoveClient() {
    LOG.info(
        "Optimove reporting is off (optimove.enabled=false): the OptimoveClient bean discards"
            + " every event (counted as dropped 'disabled') and annotated methods run without"
            + " reporting");
    return OptimoveClient.disabled();
  }

  /** Woven classes report to the discarding client, rather than warn that none is connected. */
  @Bean
  @ConditionalOnMissingBean(OptimoveAutoConfiguration.ReportingConnection.class)
  OptimoveAutoConfiguration.ReportingConnection optimoveReportingConnection(OptimoveClient client) {
    return new OptimoveAutoConfiguration.ReportingConnection(client, null, null);
  }
}
