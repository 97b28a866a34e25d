package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.micrometer.OptimoveMetrics;
import dev.optievent.testing.FakeOptimoveServer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With optimove-micrometer present, the client's meters are a bean; without it, nothing. */
class OptimoveMetricsAutoConfigurationTest {
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    OptimoveReporting.disconnect();
    server.close();
  }

  @Test
  void theClientsMetersAreABeanThatCountsWhatTheClientDelivered() {
    OptimoveContexts.reportingTo(server)
        .withBean(Signups.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              SimpleMeterRegistry registry = new SimpleMeterRegistry();
              context.getBean(OptimoveMetrics.class).bindTo(registry);

              context.getBean(Signups.class).signUp("a@example.com");
              assertThat(context.getBean(OptimoveClient.class).flush(Duration.ofSeconds(10)))
                  .isTrue();

              assertThat(
                      registry
                          .get("optimove.events")
                          .tags("outcome", "delivered", "reason", "none")
                          .functionCounter()
                          .count())
                  .isEqualTo(1.0);
            });
  }

  @Test
  void anApplicationsOwnMetricsBeanWins() {
    OptimoveContexts.reportingTo(server)
        .withUserConfiguration(OwnMetrics.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(OptimoveMetrics.class);
              assertThat(context).hasBean("myMetrics");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnMetrics {
    @Bean
    OptimoveMetrics myMetrics(OptimoveClient client) {
      return new OptimoveMetrics(client, Tags.of("client", "mine"));
    }
  }

  @Test
  void noMetersWithoutOptimoveMicrometer() {
    OptimoveContexts.reportingTo(server)
        .withClassLoader(new FilteredClassLoader(OptimoveMetrics.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(OptimoveClient.class);
              assertThat(context).doesNotHaveBean("optimoveMetrics");
            });
  }
}
