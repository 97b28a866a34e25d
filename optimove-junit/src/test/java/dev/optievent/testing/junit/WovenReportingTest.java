package dev.optievent.testing.junit;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension connects the woven aspect to its client: annotated methods report to the fake. */
class WovenReportingTest {

  @RegisterExtension static final OptimoveExtension optimove = OptimoveExtension.builder().build();

  private final Shop shop = new Shop();

  @Test
  void anAnnotatedMethodReportsItsEventToTheFake(OptimoveClient client) {
    assertThat(OptimoveReporting.connectedClient()).isSameAs(client);

    shop.signUp("c-1", "ada@example.com", true);

    assertThat(optimove)
        .hasReceivedOnce(
            event("newsletter_signup")
                .forCustomer("c-1")
                .with("email", "ada@example.com")
                .with("opt_in", true)
                .withNoOtherParameters())
        .hasDeliveredEverything();
  }

  @Test
  void aCallWithoutACustomerIsDroppedAndNotSent() {
    shop.signUp(null, "ada@example.com", false);

    assertThat(optimove)
        .hasDropped(event("newsletter_signup").with("opt_in", false), Reasons.NO_IDENTITY)
        .hasNotReceived(event("newsletter_signup"));
  }
}
