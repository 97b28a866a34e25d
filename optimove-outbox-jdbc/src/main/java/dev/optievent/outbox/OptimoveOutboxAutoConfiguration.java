package dev.optievent.outbox;

import dev.optievent.aspect.internal.TransactionHold;
import dev.optievent.client.OptimoveClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * With {@code optimove.outbox.enabled=true} and a {@code DataSource}: every event of the annotated
 * methods is stored in the application's database, in the caller's transaction, and relayed from
 * there by every instance ({@link OptimoveOutbox}). The outbox is closed before the client.
 */
@AutoConfiguration(
    afterName = {
      "dev.optievent.spring.OptimoveAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"
    })
@ConditionalOnClass(
    name = {
      "dev.optievent.spring.OptimoveAutoConfiguration",
      "org.springframework.jdbc.datasource.DataSourceUtils"
    })
@ConditionalOnBooleanProperty("optimove.outbox.enabled")
// optimove.enabled=false provides a client that discards: an outbox would hand it every event.
@ConditionalOnBooleanProperty(name = "optimove.enabled", matchIfMissing = true)
@ConditionalOnBean({DataSource.class, OptimoveClient.class})
public class OptimoveOutboxAutoConfiguration {
  static final String PREFIX = "optimove.outbox.";

  /** For Spring: use the auto-configuration through the dependency. */
  OptimoveOutboxAutoConfiguration() {}

  // After Boot's schema scripts, Flyway or Liquibase, which may create the table (the annotation
  // is ignored where spring-boot-sql is absent).
  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  OptimoveOutbox optimoveOutbox(DataSource dataSource, OptimoveClient client, Environment env)
      throws SQLException {
    Binder binder = Binder.get(env);
    OptimoveOutbox.Builder builder =
        OptimoveOutbox.builder(dataSource, client)
            .table(binder.bind(PREFIX + "table", String.class).orElse(OutboxSchema.DEFAULT_TABLE))
            .createTable(createTable(binder, dataSource));
    binder.bind(PREFIX + "batch-size", Integer.class).ifBound(builder::batchSize);
    binder.bind(PREFIX + "lease", Duration.class).ifBound(builder::lease);
    binder.bind(PREFIX + "poll-interval", Duration.class).ifBound(builder::pollInterval);
    binder.bind(PREFIX + "max-age", Duration.class).ifBound(builder::maxAge);
    return builder.build();
  }

  /** The starter's hold sends after the commit; this one stores in the transaction instead. */
  @Bean
  @Primary
  TransactionHold optimoveOutboxHold(OptimoveOutbox outbox, DataSource dataSource) {
    return new SpringOutboxHold(outbox, dataSource);
  }

  /** With Micrometer: the outbox's meters, which Boot binds to the application's registries. */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Metrics {
    @Bean
    OptimoveOutboxMetrics optimoveOutboxMetrics(OptimoveOutbox outbox) {
      return new OptimoveOutboxMetrics(outbox);
    }
  }

  /**
   * With Actuator's health support: the {@code optimoveOutbox} contributor, which shows the backlog
   * ({@code management.health.optimoveOutbox.enabled=false} turns it off). Nested twice, so that
   * the condition's own class is loaded only when the class above found the health module.
   */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Health {
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("optimoveOutbox")
    static class Contributor {
      @Bean
      @ConditionalOnMissingBean(name = "optimoveOutboxHealthIndicator")
      HealthIndicator optimoveOutboxHealthIndicator(OptimoveOutbox outbox) {
        return new OptimoveOutboxHealthIndicator(outbox);
      }
    }
  }

  /** {@code initialize-schema}: {@code always}, {@code never}, or {@code embedded} (H2 only). */
  private static boolean createTable(Binder binder, DataSource dataSource) throws SQLException {
    String mode =
        binder.bind(PREFIX + "initialize-schema", String.class).orElse("embedded").strip();
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "always":
        return true;
      case "never":
        return false;
      case "embedded":
        try (var c = dataSource.getConnection()) {
          return OutboxDialect.of(c) == OutboxDialect.H2;
        }
      default:
        throw new IllegalArgumentException(
            PREFIX
                + "initialize-schema is '"
                + mode
                + "'; use always, embedded (the default: an embedded database only) or never");
    }
  }
}
