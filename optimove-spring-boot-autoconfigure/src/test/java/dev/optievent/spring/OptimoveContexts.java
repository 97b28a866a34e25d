package dev.optievent.spring;

import dev.optievent.testing.FakeOptimoveServer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The runner the tests share: Boot's AOP set-up and every OptiEvent auto-configuration. */
final class OptimoveContexts {
  private OptimoveContexts() {}

  static final AutoConfigurations ALL =
      AutoConfigurations.of(
          AopAutoConfiguration.class,
          OptimoveAutoConfiguration.class,
          OptimoveDisabledAutoConfiguration.class,
          OptimoveIdentityAutoConfiguration.class,
          OptimoveHealthAutoConfiguration.class,
          OptimoveMetricsAutoConfiguration.class);

  /** Without endpoint and tenant. */
  static ApplicationContextRunner bare() {
    return new ApplicationContextRunner().withConfiguration(ALL);
  }

  /** Pointed at {@code server}; short shutdown so that tests end quickly. */
  static ApplicationContextRunner reportingTo(FakeOptimoveServer server) {
    return bare()
        .withPropertyValues(
            "optimove.endpoint=" + server.endpoint(),
            "optimove.tenant=42",
            "optimove.shutdown-timeout=2s");
  }
}
