package dev.optievent.testing.junit;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** generatedCatalog(): events are checked against what the annotation processor wrote. */
class GeneratedCatalogTest {

  @RegisterExtension
  static final OptimoveExtension optimove = OptimoveExtension.builder().generatedCatalog().build();

  @Test
  void theClientKnowsTheEventsOfTheCodeUnderTest(OptimoveClient client) {
    assertThat(client.config().catalog()).isPresent();

    new Shop().checkout("c-1", new BigDecimal("59.90"));

    assertThat(optimove)
        .hasReceivedOnce(event("checkout_completed").forCustomer("c-1").with("total", 59.9));
  }

  @Test
  void anEventTheCodeNeverReportsIsRejected(OptimoveClient client) {
    client.send(Event.builder("payment_failed").customer("c-1").build());

    assertThat(optimove)
        .hasRejected(event("payment_failed"), Reasons.UNKNOWN_EVENT)
        .hasNotReceived(event("payment_failed"));
  }
}
