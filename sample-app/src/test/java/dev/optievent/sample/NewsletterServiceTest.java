package dev.optievent.sample;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;

import dev.optievent.client.Reasons;
import dev.optievent.testing.junit.OptimoveExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-ups report the customer and their choices; the README shows this class. */
class NewsletterServiceTest {

  // One fake endpoint and client for the class, reset before each test; events are checked
  // against the catalog the annotation processor generated for the sample's code.
  @RegisterExtension
  static final OptimoveExtension optimove = OptimoveExtension.builder().generatedCatalog().build();

  private final NewsletterService newsletter = new NewsletterService();

  @Test
  void signingUpReportsTheCustomerAndTheirChoices() {
    newsletter.signUp("c-1", "ada@example.com", true);

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
  void aSignUpWithoutACustomerIsDroppedNotSent() {
    newsletter.signUp(null, "ada@example.com", false);

    assertThat(optimove)
        .hasDropped(event("newsletter_signup").with("opt_in", false), Reasons.NO_IDENTITY)
        .hasNotReceived(event("newsletter_signup"));
  }
}
