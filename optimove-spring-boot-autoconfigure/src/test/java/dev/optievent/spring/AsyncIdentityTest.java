package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveContext;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * {@code @Async} methods on Boot's application task executor report the identity seen where they
 * were called: the caller's {@code OptimoveContext} scope, or what the resolver (Security, in an
 * application) said on the calling thread, which the executor's thread does not have.
 */
class AsyncIdentityTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ThreadLocal<String> REQUEST_USER = new ThreadLocal<>();
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void stop() {
    OptimoveReporting.disconnect();
    REQUEST_USER.remove();
    server.close();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAsync
  static class AsyncApp {}

  private ApplicationContextRunner app() {
    return OptimoveContexts.reportingTo(server)
        .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
        .withUserConfiguration(AsyncApp.class)
        .withBean(AsyncSignups.class);
  }

  private ReceivedEvent onlyEvent() {
    return server.awaitAcceptedEvents(1, WAIT).get(0);
  }

  @Test
  void theCallersScopeTravelsToTheExecutorsThread() {
    app()
        .run(
            context -> {
              try (OptimoveContext.Scope scope = OptimoveContext.customer("c-caller")) {
                context.getBean(AsyncSignups.class).signUp("a@example.com");
              }

              assertThat(onlyEvent().customer()).isEqualTo("c-caller");
            });
  }

  @Test
  void whatTheResolverSaidOnTheCallingThreadTravelsToo() {
    app()
        .withBean(
            CustomerIdResolver.class,
            () -> REQUEST_USER::get) // like Security's context: only on the request's thread
        .run(
            context -> {
              REQUEST_USER.set("c-request");
              context.getBean(AsyncSignups.class).signUp("a@example.com");

              assertThat(onlyEvent().customer()).isEqualTo("c-request");
            });
  }

  @Test
  void turnedOffTheExecutorsThreadHasNoIdentity() {
    app()
        .withPropertyValues("optimove.async.propagate-identity=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(OptimoveTaskDecorator.class);
              try (OptimoveContext.Scope scope = OptimoveContext.customer("c-caller")) {
                context.getBean(AsyncSignups.class).signUp("a@example.com");
              }

              OptimoveClient client = client(context);
              Awaitility.await()
                  .atMost(WAIT)
                  .until(() -> client.stats().dropped(Reasons.NO_IDENTITY) == 1);
              assertThat(server.acceptedEvents()).isEmpty();
            });
  }

  @Test
  void aResolverThatFailsLeavesTheTaskAsItIsAndItStillRuns() {
    OptimoveTaskDecorator decorator =
        new OptimoveTaskDecorator(
            () ->
                () -> {
                  throw new IllegalStateException("no request bound to this thread");
                });
    Runnable task = () -> {};

    assertThat(decorator.decorate(task)).isSameAs(task);
  }

  private static OptimoveClient client(AssertableApplicationContext context) {
    return context.getBean(OptimoveClient.class);
  }
}
