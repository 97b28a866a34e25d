package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.RequestAuthenticator;
import dev.optievent.spring.woven.WovenSignups;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client, the proxies and the woven aspect, wired from properties; the application's beans win.
 */
class OptimoveAutoConfigurationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    OptimoveReporting.disconnect();
    server.close();
  }

  @Configuration(proxyBeanMethods = false)
  static class SignupsConfig {
    @Bean
    Signups signups() {
      return new Signups();
    }

    @Bean
    WovenSignups wovenSignups() {
      return new WovenSignups();
    }
  }

  @Test
  void reportsAnnotatedMethodsOfBeansThroughSpringAopProxies() {
    OptimoveContexts.reportingTo(server)
        .withUserConfiguration(SignupsConfig.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              Signups signups = context.getBean(Signups.class);
              assertThat(AopUtils.isAopProxy(signups)).isTrue();

              signups.signUp("a@example.com");

              ReceivedEvent event = server.awaitAcceptedEvents(1, WAIT).get(0);
              assertThat(event.event()).isEqualTo("newsletter_signup");
              assertThat(event.customer()).isEqualTo("c-1");
              assertThat(event.context()).containsEntry("email", "a@example.com");
            });
  }

  @Test
  void aMethodThatThrowsThroughAProxyReportsNothingAndItsExceptionIsUntouched() {
    OptimoveContexts.reportingTo(server)
        .withUserConfiguration(SignupsConfig.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              Signups signups = context.getBean(Signups.class);
              try {
                signups.failingSignUp("a@example.com");
              } catch (IllegalStateException expected) {
                assertThat(expected).hasMessage("refused");
              }
              signups.signUp("b@example.com"); // a marker: sent after the one that must not be

              server.awaitAcceptedEvents(1, WAIT);
              OptimoveClient client = context.getBean(OptimoveClient.class);
              assertThat(client.flush(WAIT)).isTrue();
              assertThat(server.acceptedEvents())
                  .extracting(ReceivedEvent::event)
                  .containsExactly("newsletter_signup");
            });
  }

  @Test
  void aClassBothWovenAndProxiedReportsEachCallOnce() {
    assertThat(WovenSignups.isWoven()).as("the test fixture is woven by ajc").isTrue();
    OptimoveContexts.reportingTo(server)
        .withUserConfiguration(SignupsConfig.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              WovenSignups woven = context.getBean(WovenSignups.class);
              assertThat(AopUtils.isAopProxy(woven)).isTrue();

              for (int i = 0; i < 3; i++) {
                woven.signUp(i + "@example.com");
              }

              server.awaitAcceptedEvents(3, WAIT);
              OptimoveClient client = context.getBean(OptimoveClient.class);
              assertThat(client.flush(WAIT)).isTrue();
              assertThat(client.stats().accepted()).isEqualTo(3);
              assertThat(server.acceptedEvents())
                  .extracting(e -> e.context().get("email"))
                  .containsExactlyInAnyOrder("0@example.com", "1@example.com", "2@example.com");
            });
  }

  @Test
  void aJdkProxyReportsTheAnnotationOfTheImplementation() {
    OptimoveContexts.reportingTo(server)
        .withPropertyValues("spring.aop.proxy-target-class=false")
        .withBean(Greeter.class, Greeter.Impl::new)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              Greeter greeter = context.getBean(Greeter.class);
              assertThat(AopUtils.isJdkDynamicProxy(greeter)).isTrue();

              greeter.greet("Ann");

              ReceivedEvent event = server.awaitAcceptedEvents(1, WAIT).get(0);
              assertThat(event.event()).isEqualTo("greeted");
              assertThat(event.context()).containsEntry("name", "Ann");
            });
  }

  @Test
  void aWovenCallInsideAProxiedCallOfAnotherMethodIsReportedToo() {
    OptimoveContexts.reportingTo(server)
        .withUserConfiguration(SignupsConfig.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              context.getBean(Signups.class).signUpWithWovenReferral("a@example.com");

              assertThat(server.awaitAcceptedEvents(2, WAIT))
                  .extracting(ReceivedEvent::event)
                  .containsExactlyInAnyOrder("referral_signup", "woven_signup");
            });
  }

  @Test
  void theWovenAspectReportsToTheClientBeanOutsideTheContextToo() {
    OptimoveContexts.reportingTo(server)
        .withBean(CustomerIdResolver.class, () -> () -> "c-2")
        .run(
            context -> {
              new WovenSignups().signUp("self@example.com"); // not a bean: weaving only

              ReceivedEvent event = server.awaitAcceptedEvents(1, WAIT).get(0);
              assertThat(event.event()).isEqualTo("woven_signup");
              assertThat(event.customer()).isEqualTo("c-2");
              assertThat(OptimoveReporting.connectedClient())
                  .isSameAs(context.getBean(OptimoveClient.class));
            });
  }

  @Test
  void closingTheContextClosesTheClientAndDisconnectsTheAspect() {
    OptimoveClient[] seen = new OptimoveClient[1];
    OptimoveContexts.reportingTo(server)
        .run(context -> seen[0] = context.getBean(OptimoveClient.class));

    assertThat(seen[0].isClosed()).isTrue();
    assertThat(OptimoveReporting.connectedClient()).isNull();
  }

  @Test
  void everySettingComesFromItsPropertyAndCustomizersHaveTheLastWord() {
    OptimoveContexts.reportingTo(server)
        .withPropertyValues(
            "optimove.request-timeout=3s",
            "optimove.max-queue-bytes=2MiB",
            "optimove.queue-capacity=100")
        .withBean(OptimoveConfigCustomizer.class, () -> builder -> builder.queueCapacity(7))
        .run(
            context -> {
              OptimoveConfig config = context.getBean(OptimoveClient.class).config();
              assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(config.maxQueueBytes()).isEqualTo(2L << 20);
              assertThat(config.queueCapacity()).isEqualTo(7);
            });
  }

  @Test
  void propertiesBindRelaxedlyAsBootsOwnDo() {
    OptimoveContexts.reportingTo(server)
        .withPropertyValues("optimove.requestTimeout=4s", "optimove.MAX_ATTEMPTS=3")
        .run(
            context -> {
              OptimoveConfig config = context.getBean(OptimoveClient.class).config();
              assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
              assertThat(config.maxAttempts()).isEqualTo(3);
            });
  }

  @Test
  void theApplicationsOwnClientWins() {
    OptimoveClient own =
        OptimoveClient.create(
            OptimoveConfig.builder().endpoint(server.endpoint()).tenant(7).build());
    try {
      OptimoveContexts.bare() // no properties needed: the application built its client
          .withBean("myClient", OptimoveClient.class, () -> own)
          .run(
              context -> {
                assertThat(context).hasSingleBean(OptimoveClient.class);
                assertThat(context.getBean(OptimoveClient.class)).isSameAs(own);
                assertThat(OptimoveReporting.connectedClient()).isSameAs(own);
              });
    } finally {
      own.close();
    }
  }

  @Test
  void theApplicationsListenersHearEveryOutcome() {
    List<String> heard = new CopyOnWriteArrayList<>();
    OptimoveContexts.reportingTo(server)
        .withUserConfiguration(SignupsConfig.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .withBean(
            DeliveryListener.class,
            () ->
                new DeliveryListener() {
                  @Override
                  public void onDelivered(Event event, String messageId) {
                    heard.add(event.eventKey());
                  }
                })
        .run(
            context -> {
              context.getBean(Signups.class).signUp("a@example.com");
              assertThat(context.getBean(OptimoveClient.class).flush(WAIT)).isTrue();
              org.awaitility.Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> heard.contains("newsletter_signup"));
            });
  }

  @Test
  void theApplicationsRequestAuthenticatorSignsEveryRequest() {
    OptimoveContexts.reportingTo(server)
        .withUserConfiguration(SignupsConfig.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .withBean(RequestAuthenticator.class, () -> request -> request.header("X-Api-Key", "k-1"))
        .run(
            context -> {
              context.getBean(Signups.class).signUp("a@example.com");
              assertThat(context.getBean(OptimoveClient.class).flush(WAIT)).isTrue();
              assertThat(server.requests())
                  .singleElement()
                  .satisfies(r -> assertThat(r.header("X-Api-Key")).isEqualTo("k-1"));
            });
  }
}
