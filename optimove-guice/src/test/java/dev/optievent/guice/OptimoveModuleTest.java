package dev.optievent.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The module binds one client, connects the aspect, and uses the application's own bindings. */
class OptimoveModuleTest {
  private final FakeOptimoveServer server = FakeOptimoveServer.start();
  private Injector injector;

  static class Signups {
    @OptimoveEvent(name = "newsletter_signup")
    public void signUp(@EventParam("email") String email) {}
  }

  @AfterEach
  void tearDown() {
    if (injector != null) {
      OptimoveClient client = injector.getInstance(OptimoveClient.class);
      OptimoveReporting.disconnect(client);
      client.close();
    }
    server.close();
  }

  private OptimoveConfig config() {
    return OptimoveConfig.builder().endpoint(server.endpoint()).tenant(42).build();
  }

  @Test
  void bindsOneClientAndConnectsTheAspectWhenTheInjectorIsCreated() {
    DeliveryListener listener = mock(DeliveryListener.class);
    injector =
        Guice.createInjector(
            new OptimoveModule(config()),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(CustomerIdResolver.class).toInstance(() -> "c-from-session");
                bind(DeliveryListener.class).toInstance(listener);
              }
            });
    OptimoveClient client = injector.getInstance(OptimoveClient.class);

    assertThat(injector.getInstance(OptimoveClient.class)).isSameAs(client);
    assertThat(OptimoveReporting.connectedClient()).isSameAs(client);

    injector.getInstance(Signups.class).signUp("a@b.io");

    ReceivedEvent event = server.awaitAcceptedEvents(1, Duration.ofSeconds(10)).get(0);
    assertThat(event.tenant()).isEqualTo(42);
    assertThat(event.customer()).isEqualTo("c-from-session");
    verify(listener, timeout(10_000)).onDelivered(any(), eq(event.messageId()));
  }

  @Test
  void worksWithoutOptionalBindings() {
    injector = Guice.createInjector(new OptimoveModule(config()));
    OptimoveClient client = injector.getInstance(OptimoveClient.class);

    injector.getInstance(Signups.class).signUp("a@b.io"); // no identity anywhere

    assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(client.stats().dropped("no_identity")).isEqualTo(1);
  }
}
