package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.ClientStats;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import dev.optievent.testing.Fault;
import dev.optievent.testing.ReceivedEvent;
import dev.optievent.testing.RecordedRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Woven methods report their events over real HTTP to the embedded endpoint. */
class EndToEndReportingTest {
  private static final DateTimeFormatter SEED_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'");

  private final ReportingFixture fixture = new ReportingFixture();
  private final Services.Newsletter newsletter = new Services.Newsletter();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void sendsTheVendorsExactJsonForACustomerEvent() {
    Instant before = Instant.now().minusMillis(1);
    newsletter.signUp("johndoe-42", "johndoe@domain.com", true);
    Instant after = Instant.now().plusMillis(1);

    List<ReceivedEvent> events = fixture.flushed();

    assertThat(events).hasSize(1);
    ReceivedEvent event = events.get(0);
    assertThat(event.rawJson())
        .isEqualTo(
            "{\"tenant\":999,\"event\":\"newsletter_signup\","
                + "\"customer\":\"johndoe-42\",\"timestamp\":\""
                + event.timestamp()
                + "\","
                + "\"context\":{\"email\":\"johndoe@domain.com\",\"opt_in\":true}}");
    Instant sentAt = LocalDateTime.parse(event.timestamp(), SEED_FORMAT).toInstant(ZoneOffset.UTC);
    assertThat(sentAt).isBetween(before.minusMillis(1), after);
  }

  @Test
  void sendsTheVendorsExactJsonForAVisitorEvent() {
    newsletter.visit("b449f7778d4981a5", "/pricing");

    ReceivedEvent event = fixture.flushed().get(0);

    assertThat(event.rawJson())
        .isEqualTo(
            "{\"tenant\":999,\"event\":\"page_visit\","
                + "\"visitor\":\"b449f7778d4981a5\",\"timestamp\":\""
                + event.timestamp()
                + "\","
                + "\"context\":{\"page\":\"/pricing\"}}");
    assertThat(event.customer()).isNull();
  }

  @Test
  void aQueuedWovenEventIsRetriedWithTheSameBodyAndReachesTheListenerWhole() throws Exception {
    List<Event> delivered = new CopyOnWriteArrayList<>();
    CountDownLatch told = new CountDownLatch(2);
    try (ReportingFixture listened =
        new ReportingFixture(
            b ->
                b.deliveryListener(
                    new DeliveryListener() {
                      @Override
                      public void onDelivered(Event event, String messageId) {
                        delivered.add(event);
                        told.countDown();
                      }
                    }))) {
      listened.server.script(Fault.status(503), Fault.status(503));
      Instant before = Instant.now().minusMillis(1);
      newsletter.visit("b449f7778d4981a5", "/pricing");
      newsletter.signUp("johndoe-42", "johndoe@domain.com", true);

      List<ReceivedEvent> events = listened.flushed();

      assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(listened.client.stats().retries()).isEqualTo(2);
      List<RecordedRequest> requests = listened.server.requests();
      assertThat(requests).hasSize(4);
      // The body is written again for each attempt: the retries carry the same bytes.
      assertThat(requests.stream().map(RecordedRequest::body).distinct()).hasSize(2);
      assertThat(events)
          .extracting(ReceivedEvent::event)
          .containsExactlyInAnyOrder("page_visit", "newsletter_signup");
      Event visit =
          delivered.stream()
              .filter(e -> e.eventKey().equals("page_visit"))
              .findFirst()
              .orElseThrow();
      assertThat(visit.visitorId()).isEqualTo("b449f7778d4981a5");
      assertThat(visit.customerId()).isNull();
      assertThat(visit.context()).containsExactly(Map.entry("page", "/pricing"));
      assertThat(visit.timestamp()).isBetween(before, Instant.now());
      Event signUp =
          delivered.stream()
              .filter(e -> e.eventKey().equals("newsletter_signup"))
              .findFirst()
              .orElseThrow();
      assertThat(signUp.customerId()).isEqualTo("johndoe-42");
      assertThat(signUp.visitorId()).isNull();
      assertThat(signUp.context())
          .containsExactly(Map.entry("email", "johndoe@domain.com"), Map.entry("opt_in", true));
    }
  }

  @Test
  void sendsOnlyTheCustomerWhenBothAreKnown() {
    newsletter.signUpKnownVisitor("c-7", "b449f7778d4981a5", "x@y.io");

    ReceivedEvent event = fixture.flushed().get(0);

    assertThat(event.rawJson())
        .isEqualTo(
            "{\"tenant\":999,\"event\":\"newsletter_signup\","
                + "\"customer\":\"c-7\",\"timestamp\":\""
                + event.timestamp()
                + "\","
                + "\"context\":{\"email\":\"x@y.io\"}}");
    assertThat(event.visitor()).isNull();
  }

  @Test
  void sendsOnlyTheCustomerWhenTheContextKnowsBoth() {
    try (OptimoveContext.Scope scope = OptimoveContext.of("c-8", "v-8")) {
      newsletter.signUpFromContext("a@b.io", null);
    }

    ReceivedEvent event = fixture.flushed().get(0);

    assertThat(event.customer()).isEqualTo("c-8");
    assertThat(event.visitor()).isNull();
    assertThat(event.context()).containsOnlyKeys("email"); // the null opt_in is left out
  }

  @Test
  void sendsNothingWhenTheMethodThrowsAndTheCallerGetsTheSameException() {
    IllegalArgumentException thrown = null;
    try {
      newsletter.signUpOrFail("c-1", "");
    } catch (IllegalArgumentException e) {
      thrown = e;
    }

    assertThat(thrown).hasMessage("email is required");
    assertThat(thrown.getStackTrace()[0].getMethodName()).isEqualTo("signUpOrFail");
    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().accepted()).isZero();
  }

  @Test
  void leavesTheReturnValueUntouched() {
    assertThat(newsletter.signUpOrFail("c-1", "a@b.io")).isEqualTo("ok:a@b.io");
    assertThat(fixture.flushed()).hasSize(1);
  }

  @Test
  void takesTheCustomerFromTheContextScopeAndRestoresTheOuterScope() {
    try (OptimoveContext.Scope outer = OptimoveContext.customer("outer")) {
      try (OptimoveContext.Scope inner = OptimoveContext.customer("inner")) {
        newsletter.signUpFromContext("a@b.io", true);
      }
      newsletter.signUpFromContext("c@d.io", false);
    }
    newsletter.signUpFromContext("e@f.io", false); // no scope left: no identity

    List<ReceivedEvent> events = fixture.flushed();

    assertThat(events)
        .extracting(ReceivedEvent::customer)
        .containsExactlyInAnyOrder("inner", "outer"); // in flight together: arrival order may vary
    assertThat(fixture.client.stats().dropped("no_identity")).isEqualTo(1);
  }

  @Test
  void dropsAndCountsAnEventWithNoIdentity() {
    newsletter.signUpFromContext("a@b.io", true);

    assertThat(fixture.flushed()).isEmpty();
    ClientStats stats = fixture.client.stats();
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.droppedByReason()).containsEntry("no_identity", 1L);
  }

  @Test
  void methodsWithoutTheAnnotationAreNotReported() {
    newsletter.notAnnotated("c-1");

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().accepted()).isZero();
  }

  @Test
  void closeDeliversWhatIsStillQueued() {
    fixture.server.setResponseDelay(java.time.Duration.ofMillis(50));
    for (int i = 0; i < 20; i++) {
      newsletter.signUp("c-" + i, "u" + i + "@example.com", i % 2 == 0);
    }

    fixture.client.close();

    assertThat(fixture.server.acceptedEvents()).hasSize(20);
    assertThat(fixture.client.stats().delivered()).isEqualTo(20);
  }

  @Test
  void countsEventsWhileNoClientIsConnected() {
    OptimoveReporting.disconnect();
    long before = OptimoveReporting.eventsWithoutClient();

    newsletter.signUp("c-1", "a@b.io", true);

    assertThat(OptimoveReporting.eventsWithoutClient()).isEqualTo(before + 1);
    assertThat(fixture.client.stats().accepted()).isZero();
  }

  @Test
  void asksTheResolverWhenNeitherArgumentNorScopeGivesAnIdentity() {
    fixture.close();
    try (ReportingFixture withResolver = new ReportingFixture(b -> b, () -> "from-resolver")) {
      newsletter.signUpFromContext("a@b.io", true);

      assertThat(withResolver.flushed())
          .extracting(ReceivedEvent::customer)
          .containsExactly("from-resolver");
    }
  }

  @Test
  void aThrowingResolverDropsTheEventButNotTheCall() {
    fixture.close();
    CustomerIdResolver broken =
        () -> {
          throw new IllegalStateException("session store down");
        };
    try (ReportingFixture withResolver = new ReportingFixture(b -> b, broken)) {
      newsletter.signUpFromContext("a@b.io", true);

      assertThat(withResolver.flushed()).isEmpty();
      assertThat(withResolver.client.stats().dropped("identity_resolver_failed")).isEqualTo(1);
    }
  }

  @Test
  void aBlankCustomerIdIsRejectedNotSent() {
    newsletter.signUp("  ", "a@b.io", true);

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().rejected("invalid_customer_id")).isEqualTo(1);
  }

  @Test
  void closingTheConnectedClientDisconnectsTheAspect() {
    long withoutClientBefore = OptimoveReporting.eventsWithoutClient();
    fixture.client.close();

    newsletter.signUp("c-1", "a@b.io", true);

    assertThat(OptimoveReporting.connectedClient()).isNull();
    assertThat(OptimoveReporting.eventsWithoutClient()).isEqualTo(withoutClientBefore + 1);
    assertThat(fixture.client.stats().accepted()).isZero();
  }

  @Test
  void aClientClosedAfterBeingReplacedDoesNotDisconnectItsSuccessor() {
    try (ReportingFixture successor = new ReportingFixture()) {
      fixture.client.close();

      assertThat(OptimoveReporting.connectedClient()).isSameAs(successor.client);
      newsletter.signUp("c-1", "a@b.io", true);
      assertThat(successor.flushed()).hasSize(1);
    }
  }

  @Test
  void aReplacedClientReportsAgainWhenItsSuccessorCloses() {
    try (ReportingFixture successor = new ReportingFixture()) {
      newsletter.signUp("c-1", "a@b.io", true);
      assertThat(successor.flushed()).hasSize(1);
    }

    assertThat(OptimoveReporting.connectedClient()).isSameAs(fixture.client);
    newsletter.signUp("c-2", "a@b.io", true);
    assertThat(fixture.flushed()).extracting(ReceivedEvent::customer).containsExactly("c-2");
  }

  @Test
  void theOlderClientEndingFirstLeavesTheNewerOneConnected() {
    try (ReportingFixture successor = new ReportingFixture()) {
      fixture.client.close();
      OptimoveReporting.disconnect(fixture.client);

      assertThat(OptimoveReporting.connectedClient()).isSameAs(successor.client);
      successor.client.close();
      assertThat(OptimoveReporting.connectedClient()).as("none left open").isNull();
    }
  }

  @Test
  void theCallerSeesNoExceptionWhenReportingFails() {
    OptimoveReporting.connect(
        fixture.client,
        () -> {
          throw new IllegalStateException("resolver broken");
        });

    newsletter.signUpFromContext("a@b.io", true);

    assertThat(fixture.client.stats().dropped("identity_resolver_failed")).isEqualTo(1);
    assertThatThrownBy(() -> newsletter.signUpOrFail("c-1", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
