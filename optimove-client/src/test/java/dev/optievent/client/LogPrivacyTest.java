package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.client.logcapture.LogCapture;
import dev.optievent.client.logcapture.LogLine;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * "Privacy in logs" (docs/network-and-security.md), asserted on the real log lines: IDs and e-mail
 * addresses never in clear, a problem at WARN the first time and at DEBUG when it repeats.
 */
class LogPrivacyTest {
  private static final String CUSTOMER = "customer-secret-4711";
  private static final String VISITOR = "visitor-secret-0815";
  private static final String EMAIL = "jane.doe@example.com";

  @RegisterExtension final LogCapture logs = LogCapture.under("dev.optievent.client");

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;

  @BeforeEach
  void start() {
    client = endpoint.client(config(server).maxAttempts(2).build());
  }

  private java.util.List<LogLine> eventLines(Level level) {
    return logs.lines(l -> l.level() == level && l.message().startsWith("Optimove event"));
  }

  @Test
  void aRejectionOnTheCallersThreadIsLoggedWithTheIdMasked() {
    client.send(Event.builder("signup").customer(CUSTOMER).param("note", "x".repeat(300)).build());

    assertThat(logs.lines(Level.WARN))
        .extracting(LogLine::message)
        .containsExactly(
            "Optimove event 'signup' (customer c***(20)) rejected (value_too_long): event"
                + " 'signup', parameter 'note': text of 300 characters; the most allowed is 255"
                + " (repeats of this problem are logged at DEBUG)");
    assertThat(logs.text()).doesNotContain(CUSTOMER);
  }

  @Test
  void theServersMessageIsLoggedWithTheEventsIdsAndAnyEmailMasked() {
    server.script(Fault.errorStatus("visitor " + VISITOR + " (" + EMAIL + ") is blocked"));

    client.send(Event.builder("signup").visitor(VISITOR).param("email", EMAIL).build());
    assertThat(flushed(client).rejected(Reasons.SERVER_ERROR)).isEqualTo(1);

    assertThat(logs.lines(Level.WARN))
        .extracting(LogLine::message)
        .containsExactly(
            "Optimove event 'signup' (visitor v***(19)) rejected (server_error): Failed to"
                + " validate the event with the following error - visitor v***(19) (j***@e***) is"
                + " blocked (repeats of this problem are logged at DEBUG)");
    assertThat(logs.text()).doesNotContain(VISITOR).doesNotContain(EMAIL);
  }

  @Test
  void aDeliveryIsLoggedAtDebugWithTheIdMasked() {
    client.send(Event.builder("signup").customer(CUSTOMER).param("email", EMAIL).build());
    assertThat(flushed(client).delivered()).isEqualTo(1);
    String messageId =
        server.awaitAcceptedEvents(1, java.time.Duration.ofSeconds(5)).get(0).messageId();

    // The line is written just after the delivery counts as settled: wait for it.
    await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(eventLines(Level.DEBUG))
                    .extracting(LogLine::message)
                    .containsExactly(
                        "Optimove event 'signup' (customer c***(20)) delivered after 1"
                            + " attempt(s), message id "
                            + messageId));
    assertThat(logs.lines(Level.WARN)).isEmpty();
    assertThat(logs.text()).doesNotContain(CUSTOMER).doesNotContain(EMAIL);
  }

  @Test
  void aProblemIsWarnedOnceAndItsRepeatsGoToDebug() {
    for (int i = 0; i < 3; i++) {
      client.send(Event.builder("page_view").build());
    }
    client.send(Event.builder("checkout").build());

    String pageView =
        "Optimove event 'page_view' (no identity) dropped (no_identity): event 'page_view' has"
            + " neither a customer ID nor a visitor ID";
    String checkout =
        "Optimove event 'checkout' (no identity) dropped (no_identity): event 'checkout' has"
            + " neither a customer ID nor a visitor ID";
    String suffix = " (repeats of this problem are logged at DEBUG)";
    assertThat(logs.lines(Level.WARN))
        .extracting(LogLine::message)
        .containsExactly(pageView + suffix, checkout + suffix);
    assertThat(eventLines(Level.DEBUG))
        .extracting(LogLine::message)
        .containsExactly(pageView, pageView);
    assertThat(client.stats().dropped(Reasons.NO_IDENTITY)).isEqualTo(4);
  }

  @Test
  void aDropWithoutDetailIsLoggedWithTheReasonAndTheIdMasked() {
    client.close();
    client.send(Event.builder("signup").customer(CUSTOMER).build());
    client.send(Event.builder("signup").customer(CUSTOMER).build());

    assertThat(eventLines(Level.WARN))
        .extracting(LogLine::message)
        .containsExactly(
            "Optimove event 'signup' (customer c***(20)) dropped (closed) (repeats of this problem"
                + " are logged at DEBUG)");
    assertThat(eventLines(Level.DEBUG))
        .extracting(LogLine::message)
        .containsExactly("Optimove event 'signup' (customer c***(20)) dropped (closed)");
    assertThat(logs.text()).doesNotContain(CUSTOMER);
  }

  @Test
  void aRetryIsWarnedOnceAndGivingUpNamesTheLastProblem() {
    server.failEvent("signup", Fault.status(503));

    client.send(Event.builder("signup").customer(CUSTOMER).build());
    DeliveryFixture.answerOthersUntil(client, () -> client.stats().dropped() == 1);
    assertThat(flushed(client).dropped(Reasons.RETRIES_EXHAUSTED)).isEqualTo(1);

    assertThat(logs.lines(Level.WARN))
        .extracting(LogLine::message)
        .containsExactly(
            "Optimove request failed (HTTP 503); retrying with backoff (repeats of this problem"
                + " are logged at DEBUG)",
            "Optimove event 'signup' (customer c***(20)) dropped (retries_exhausted): gave up"
                + " after 2 failed attempt(s) while the endpoint answered other requests; last"
                + " problem: HTTP 503 (repeats of this problem are logged at DEBUG)");
    assertThat(logs.text()).doesNotContain(CUSTOMER);
  }
}
