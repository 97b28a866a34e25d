package dev.optievent.spring;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Reasons;
import dev.optievent.testing.junit.OptimoveExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The test kit pointed at the starter's own client: the application's properties come from the
 * extension, its events are checked at the extension's fake, and its outcomes are heard by the
 * extension's listener.
 */
class TestKitTest {

  // The starter connects its own client: the kit's client stays out of the aspect's way.
  @RegisterExtension
  static final OptimoveExtension optimove =
      OptimoveExtension.builder().connectAspect(false).build();

  private static ApplicationContextRunner application() {
    List<String> properties = new ArrayList<>();
    optimove.applicationProperties((name, value) -> properties.add(name + "=" + value.get()));
    return OptimoveContexts.bare()
        .withPropertyValues(properties.toArray(String[]::new))
        .withBean(DeliveryListener.class, optimove::applicationListener)
        .withBean(Signups.class);
  }

  @Test
  void theApplicationsEventsArriveAtTheKitsFake() {
    application()
        .withBean(CustomerIdResolver.class, () -> () -> "c-1")
        .run(
            context -> {
              context.getBean(Signups.class).signUp("ada@example.com");

              assertThat(optimove)
                  .hasReceivedOnce(
                      event("newsletter_signup")
                          .forCustomer("c-1")
                          .with("email", "ada@example.com")
                          .withNoOtherParameters());
            });
  }

  @Test
  void theApplicationsOutcomesAreHeardByTheKit() {
    application()
        .run(
            context -> {
              context.getBean(Signups.class).signUp("ada@example.com"); // no customer known

              assertThat(optimove).hasDropped(event("newsletter_signup"), Reasons.NO_IDENTITY);
            });
  }
}
