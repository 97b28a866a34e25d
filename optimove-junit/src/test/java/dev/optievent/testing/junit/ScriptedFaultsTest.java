package dev.optievent.testing.junit;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import dev.optievent.testing.RecordedRequest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The builder's fault script and tenant: the script is queued again before every test. */
class ScriptedFaultsTest {

  @RegisterExtension
  static final OptimoveExtension optimove =
      OptimoveExtension.builder().tenant(42).script(Fault.status(503)).build();

  @RepeatedTest(2)
  void everyTestMeetsTheScriptedFaultFirstAndTheClientRetries(FakeOptimoveServer server) {
    optimove.client().send(Event.builder("newsletter_signup").customer("c-1").build());

    assertThat(optimove).hasReceivedOnce(event("newsletter_signup")).hasDeliveredEverything();
    assertThat(server.requests())
        .extracting(RecordedRequest::answeredStatus)
        .containsExactly(503, 200);
    assertThat(optimove.receivedEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.tenant()).isEqualTo(42));
  }
}
