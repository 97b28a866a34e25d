package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import dev.optievent.spring.woven.WovenSignups;
import dev.optievent.testing.FakeOptimoveServer;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;

/** Each condition of the auto-configurations, and the failure analysis of bad properties. */
class OptimoveConditionsTest {
  private static final String FACTORIES = "META-INF/spring.factories";
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    OptimoveReporting.disconnect();
    server.close();
  }

  @Test
  void disabledGivesADiscardingClientNoProxiesAndSendsNothing() {
    // No endpoint and no tenant: a disabled application needs no Optimove settings at all.
    OptimoveContexts.bare()
        .withPropertyValues("optimove.enabled=false")
        .withBean(Signups.class)
        .withBean(NeedsAClient.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              OptimoveClient client = context.getBean(OptimoveClient.class);
              assertThat(client.isDisabled()).isTrue();
              assertThat(context.getBean(NeedsAClient.class).client).isSameAs(client);
              assertThat(context).doesNotHaveBean(CustomerIdResolver.class);
              assertThat(context).doesNotHaveBean(OptimoveHealthIndicator.class);
              Signups signups = context.getBean(Signups.class);
              assertThat(AopUtils.isAopProxy(signups)).isFalse();
              signups.signUp("a@example.com");

              // Woven classes report to it, quietly: counted, not warned about as client-less.
              long withoutClient = OptimoveReporting.eventsWithoutClient();
              assertThat(OptimoveReporting.connectedClient()).isSameAs(client);
              new WovenSignups().signUp("b@example.com");
              assertThat(OptimoveReporting.eventsWithoutClient()).isEqualTo(withoutClient);
              assertThat(client.stats().droppedByReason())
                  .isEqualTo(java.util.Map.of(Reasons.DISABLED, 1L));
              assertThat(server.requestCount()).isZero();
            });
    assertThat(OptimoveReporting.connectedClient()).isNull();
  }

  /** An application bean that injects the client. */
  static final class NeedsAClient {
    final OptimoveClient client;

    NeedsAClient(OptimoveClient client) {
      this.client = client;
    }
  }

  @Test
  void disabledLeavesAnApplicationsOwnClientAlone() {
    OptimoveClient own = OptimoveClient.disabled();
    OptimoveContexts.bare()
        .withPropertyValues("optimove.enabled=false")
        .withBean(OptimoveClient.class, () -> own)
        .run(context -> assertThat(context.getBean(OptimoveClient.class)).isSameAs(own));
  }

  @Test
  void enabledByDefaultWithAnOrdinaryClient() {
    OptimoveContexts.reportingTo(server)
        .run(
            context -> {
              assertThat(context).hasSingleBean(OptimoveClient.class);
              assertThat(context.getBean(OptimoveClient.class).isDisabled()).isFalse();
            });
  }

  @Test
  void aMissingEndpointFailsStartUpWithAnAnalysisNamingThePropertyAndAnExample() {
    OptimoveContexts.bare()
        .withPropertyValues("optimove.tenant=42")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription()).contains("endpoint").contains("missing");
              assertThat(analysis.getAction())
                  .contains("Set optimove.endpoint")
                  .contains("optimove.endpoint=https://")
                  .contains("optimove.enabled=false");
            });
  }

  @Test
  void anInvalidTenantFailsStartUpNamingTheTenantProperty() {
    OptimoveContexts.bare()
        .withPropertyValues("optimove.endpoint=" + server.endpoint(), "optimove.tenant=abc")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription()).contains("optimove.tenant is 'abc'");
              assertThat(analysis.getAction()).contains("optimove.tenant=12345");
            });
  }

  @Test
  void anInsecureEndpointFailsStartUpNamingTheEndpointProperty() {
    OptimoveContexts.bare()
        .withPropertyValues("optimove.endpoint=http://events.example/v1", "optimove.tenant=1")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription()).contains("use https");
              assertThat(analysis.getAction()).contains("Set optimove.endpoint");
            });
  }

  @Test
  void withoutSecurityOrActuatorTheClientAndProxiesStillWork() {
    OptimoveContexts.reportingTo(server)
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.security", "org.springframework.boot.health"))
        .withBean(Signups.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              assertThat(context).hasSingleBean(OptimoveClient.class);
              assertThat(context).doesNotHaveBean("optimoveHealthIndicator");
              assertThat(context).doesNotHaveBean("optimoveCustomerIdResolver");
              context.getBean(Signups.class).signUp("a@example.com");
              assertThat(server.awaitAcceptedEvents(1, Duration.ofSeconds(10))).hasSize(1);
            });
  }

  @Test
  void withoutSecurityNoResolverUnlessAVisitorSourceIsNamed() {
    FilteredClassLoader noSecurity = new FilteredClassLoader("org.springframework.security");
    OptimoveContexts.reportingTo(server)
        .withClassLoader(noSecurity)
        .run(context -> assertThat(context).doesNotHaveBean(CustomerIdResolver.class));
    OptimoveContexts.reportingTo(server)
        .withClassLoader(noSecurity)
        .withPropertyValues("optimove.visitor.header=X-Visitor")
        .run(context -> assertThat(context).hasSingleBean(CustomerIdResolver.class));
  }

  @Test
  void theFailureAnalyzerIsRegisteredForBoot() throws Exception {
    String key = FailureAnalyzer.class.getName();
    boolean registered = false;
    for (URL url : Collections.list(getClass().getClassLoader().getResources(FACTORIES))) {
      Properties factories = new Properties();
      try (InputStream in = url.openStream()) {
        factories.load(in);
      }
      registered |=
          factories.getProperty(key, "").contains(OptimoveConfigFailureAnalyzer.class.getName());
    }
    assertThat(registered).as("%s lists the analyzer", FACTORIES).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "optimove.request-timeout=-1s | optimove.request-timeout=5s",
        "optimove.retry-base-delay=-1s | optimove.retry-base-delay=5s",
        "optimove.retry-after-cap=-1s | optimove.retry-after-cap=5s",
        "optimove.max-event-age=-1s | optimove.max-event-age=5s",
        "optimove.max-queue-bytes=1 | optimove.max-queue-bytes=64MiB",
        "optimove.overflow-policy=SOMETIMES | optimove.overflow-policy=DROP_NEWEST",
        "optimove.max-attempts=0 | optimove.max-attempts=<value>"
      })
  void anInvalidSettingsAnalysisGivesAnExampleOfItsKind(String setting, String example) {
    OptimoveContexts.reportingTo(server)
        .withPropertyValues(setting)
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getAction()).contains("\n\n    " + example + "\n\n");
            });
  }

  private static FailureAnalysis analyze(Throwable failure) {
    FailureAnalysis analysis = new OptimoveConfigFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysis of %s", failure).isNotNull();
    return analysis;
  }
}
