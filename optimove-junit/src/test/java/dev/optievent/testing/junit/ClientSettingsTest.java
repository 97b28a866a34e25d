package dev.optievent.testing.junit;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.Reasons;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's settings: the extension's defaults, then the builder's changes, in order. */
class ClientSettingsTest {

  static final List<String> heardByTheTestsListener = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final OptimoveExtension optimove =
      OptimoveExtension.builder()
          .requestTimeout(Duration.ofSeconds(1)) // well under the 2 s slow answer below
          .configure(b -> b.maxAttempts(3))
          .configure(b -> b.maxAttempts(1))
          .configure(
              b ->
                  b.deliveryListener(
                      new DeliveryListener() {
                        @Override
                        public void onDelivered(Event event, String messageId) {
                          heardByTheTestsListener.add("delivered " + event.eventKey());
                        }

                        @Override
                        public void onDropped(Event event, String reason) {
                          heardByTheTestsListener.add("dropped " + event.eventKey() + " " + reason);
                        }
                      }))
          .build();

  @Test
  void theBuildersChangesApplyInOrderOverTheExtensionsDefaults(
      FakeOptimoveServer server, OptimoveClient client) {
    OptimoveConfig config = client.config();

    assertThat(config.endpoint()).isEqualTo(server.endpoint());
    assertThat(config.tenant()).isEqualTo(OptimoveExtension.DEFAULT_TENANT);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.maxAttempts()).isEqualTo(1);
    assertThat(config.retryBaseDelay()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aShortTimeoutCutsASlowAnswerAndTheEventIsRetried(
      FakeOptimoveServer server, OptimoveClient client) {
    server.script(Fault.delay(Duration.ofSeconds(2)));

    client.send(Event.builder("newsletter_signup").customer("c-1").build());

    // A timeout says nothing about the event: it is retried (maxAttempts does not count it).
    assertThat(optimove).hasDeliveredEverything();
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void aShortMaxEventAgeGivesUpOnAnEndpointThatNeverAnswersInTime(FakeOptimoveServer server) {
    OptimoveClient client = optimove.reconfigure(b -> b.maxEventAge(Duration.ofMillis(1_500)));
    server.setResponseDelay(Duration.ofSeconds(2));

    client.send(Event.builder("newsletter_signup").customer("c-1").build());

    assertThat(optimove).hasDropped(event("newsletter_signup"), Reasons.EXPIRED);
  }

  @Test
  void theTestsOwnListenerStillHearsEveryOutcome(OptimoveClient client) {
    heardByTheTestsListener.clear();

    client.send(Event.builder("newsletter_signup").customer("c-1").build());
    client.send(Event.builder("payment_failed").build());

    assertThat(optimove)
        .hasDropped(event("payment_failed"), Reasons.NO_IDENTITY)
        .hasReceivedOnce(event("newsletter_signup"));
    // The fake has the event before the client has heard its answer: wait for the outcome.
    await().atMost(Duration.ofSeconds(5)).until(() -> optimove.outcomes().size() == 2);
    assertThat(heardByTheTestsListener)
        .containsExactlyInAnyOrder(
            "delivered newsletter_signup", "dropped payment_failed no_identity");
  }
}
