package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The beans the auto-configuration adds, each shown to do its part in a running context: several
 * listeners heard in turn, the aspect's connection undone at close, values returned through a
 * proxy, the visitor-only resolver.
 */
class OptimoveBeansTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    SecurityContextHolder.clearContext();
    RequestContextHolder.resetRequestAttributes();
    OptimoveReporting.disconnect();
    server.close();
  }

  /** A listener that records what it hears, and may throw after recording. */
  private static final class Recording implements DeliveryListener {
    final List<String> heard = new CopyOnWriteArrayList<>();
    final RuntimeException failure;

    Recording(RuntimeException failure) {
      this.failure = failure;
    }

    private void heard(String what) {
      heard.add(what);
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public void onDelivered(Event event, String messageId) {
      heard("delivered " + event.eventKey());
    }

    @Override
    public void onRejected(Event event, String reason, String message) {
      heard("rejected " + reason);
    }

    @Override
    public void onDropped(Event event, String reason) {
      heard("dropped " + reason);
    }
  }

  @Test
  void everyListenerBeanHearsEachOutcomeEvenWhenAnEarlierOneThrows() {
    IllegalStateException first = new IllegalStateException("first listener failed");
    IllegalStateException second = new IllegalStateException("second listener failed");
    Recording throwing = new Recording(first);
    Recording alsoThrowing = new Recording(second);
    Recording quiet = new Recording(null);
    OptimoveContexts.reportingTo(server)
        .withBean("a", DeliveryListener.class, () -> throwing)
        .withBean("b", DeliveryListener.class, () -> alsoThrowing)
        .withBean("c", DeliveryListener.class, () -> quiet)
        .withBean(Signups.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              DeliveryListener listener =
                  context.getBean(OptimoveClient.class).config().deliveryListener().orElseThrow();
              Event event = Event.builder("probe").customer("c-1").build();

              assertThatThrownBy(() -> listener.onDelivered(event, "m-1")).isSameAs(first);
              assertThatThrownBy(() -> listener.onRejected(event, "invalid", "bad"))
                  .isSameAs(first);
              assertThatThrownBy(() -> listener.onDropped(event, "queue_full")).isSameAs(first);
              for (Recording r : List.of(throwing, alsoThrowing, quiet)) {
                assertThat(r.heard)
                    .containsExactly("delivered probe", "rejected invalid", "dropped queue_full");
              }

              context.getBean(Signups.class).signUp("a@example.com");
              assertThat(context.getBean(OptimoveClient.class).flush(WAIT)).isTrue();
              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> quiet.heard.contains("delivered newsletter_signup"));
              assertThat(throwing.heard).contains("delivered newsletter_signup");
              Awaitility.await()
                  .atMost(WAIT)
                  .until(
                      () ->
                          !"never"
                              .equals(
                                  context
                                      .getBean(
                                          "optimoveHealthIndicator",
                                          org.springframework.boot.health.contributor
                                              .HealthIndicator.class)
                                      .health(true)
                                      .getDetails()
                                      .get("lastSuccess")));
            });
  }

  @Test
  void aListenerThatDoesNotThrowLetsTheCompositeReturnNormally() {
    Recording one = new Recording(null);
    Recording two = new Recording(null);
    OptimoveContexts.reportingTo(server)
        .withBean("a", DeliveryListener.class, () -> one)
        .withBean("b", DeliveryListener.class, () -> two)
        .run(
            context -> {
              DeliveryListener listener =
                  context.getBean(OptimoveClient.class).config().deliveryListener().orElseThrow();
              Event event = Event.builder("probe").customer("c-1").build();

              listener.onDelivered(event, "m-1");
              listener.onRejected(event, "invalid", "bad");
              listener.onDropped(event, "queue_full");

              assertThat(one.heard).hasSize(3);
              assertThat(two.heard).hasSize(3);
            });
  }

  @Test
  void closingTheContextDisconnectsTheAspectFromAClientItDoesNotClose() {
    OptimoveClient own =
        OptimoveClient.create(
            OptimoveConfig.builder().endpoint(server.endpoint()).tenant(7).build());
    try {
      OptimoveContexts.bare()
          .withBean("myClient", OptimoveClient.class, () -> own, bd -> bd.setDestroyMethodName(""))
          .run(
              context -> {
                assertThat(context)
                    .getBean("optimoveReportingConnection")
                    .isInstanceOf(OptimoveAutoConfiguration.ReportingConnection.class);
                assertThat(OptimoveReporting.connectedClient()).isSameAs(own);
              });

      assertThat(own.isClosed()).as("the application's client is its own to close").isFalse();
      assertThat(OptimoveReporting.connectedClient()).isNull();
    } finally {
      own.close();
    }
  }

  @Test
  void aProxiedMethodReturnsItsValueAndIsReportedWithIt() {
    OptimoveContexts.reportingTo(server)
        .withBean(Registrations.class)
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              Registrations registrations = context.getBean(Registrations.class);
              assertThat(AopUtils.isAopProxy(registrations)).isTrue();

              assertThat(registrations.register("a@example.com"))
                  .isEqualTo("registration-of-a@example.com");

              ReceivedEvent event = server.awaitAcceptedEvents(1, WAIT).get(0);
              assertThat(event.event()).isEqualTo("registered");
              assertThat(event.context()).containsEntry("email", "a@example.com");
            });
  }

  @Test
  void withoutSecurityAVisitorSourceGivesAResolverOfVisitorsOnly() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(new Cookie("vid", "v-cookie"));
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    OptimoveContexts.reportingTo(server)
        .withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .withPropertyValues("optimove.visitor.cookie=vid")
        .run(
            context -> {
              CustomerIdResolver resolver = context.getBean(CustomerIdResolver.class);
              assertThat(resolver.currentVisitorId()).isEqualTo("v-cookie");
              assertThat(resolver.currentCustomerId()).isNull();
            });
  }

  @Test
  void aCookieThatIsNotThereIsNoVisitorWhenNoHeaderIsNamed() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(new Cookie("other", "x"));
    request.addHeader("X-Visitor", "v-header");
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    OptimoveContexts.reportingTo(server)
        .withPropertyValues("optimove.visitor.cookie=vid")
        .run(
            context ->
                assertThat(context.getBean(CustomerIdResolver.class).currentVisitorId()).isNull());
  }

  @Test
  void noVisitorSourceMeansNoVisitorEvenWithARequest() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(new Cookie("vid", "v-cookie"));
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    OptimoveContexts.reportingTo(server)
        .withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .withPropertyValues("optimove.visitor.header=X-Visitor")
        .run(
            context ->
                assertThat(context.getBean(CustomerIdResolver.class).currentVisitorId()).isNull());
  }

  @Test
  void aJwtClaimResolverGivesThePrincipalsNameForOtherAuthentications() {
    OptimoveContexts.reportingTo(server)
        .withPropertyValues("optimove.security.customer-id-claim=customer_id")
        .run(
            context -> {
              CustomerIdResolver resolver = context.getBean(CustomerIdResolver.class);
              assertThat(resolver.currentCustomerId()).isNull();
              SecurityContextHolder.getContext()
                  .setAuthentication(
                      UsernamePasswordAuthenticationToken.authenticated("bob", null, List.of()));
              assertThat(resolver.currentCustomerId()).isEqualTo("bob");
            });
  }

  @Test
  void outsideARequestThereIsNoVisitor() {
    OptimoveContexts.reportingTo(server)
        .withPropertyValues("optimove.visitor.cookie=vid", "optimove.visitor.header=X-Visitor")
        .run(
            context ->
                assertThat(context.getBean(CustomerIdResolver.class).currentVisitorId()).isNull());
  }
}
