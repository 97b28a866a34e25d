package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.optievent.client.Reasons;
import dev.optievent.testing.ReceivedEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An annotated method called from inside reporting on the same thread (by a resolver, by a getter
 * read for a parameter) is not reported: its event is dropped and counted, and reporting does not
 * recurse.
 */
class NoFeedbackLoopTest {
  private final Services.Newsletter newsletter = new Services.Newsletter();
  private final HostileServices hostile = new HostileServices();
  private ReportingFixture fixture;

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void aResolverThatCallsAnAnnotatedMethodDoesNotRecurse() {
    fixture =
        new ReportingFixture(
            b -> b,
            () -> {
              newsletter.signUpFromContext("audit@example.com", false); // itself asks the resolver
              return "c-outer";
            });

    newsletter.signUpFromContext("a@b.io", true);

    assertThat(fixture.flushed())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.customer()).isEqualTo("c-outer");
              assertThat(e.context()).containsEntry("email", "a@b.io");
            });
    assertThat(fixture.client.stats().droppedByReason())
        .containsExactly(Map.entry(Reasons.REENTRANT_CALL, 1L));
  }

  @Test
  void aGetterThatCallsAnAnnotatedMethodDoesNotRecurse() {
    fixture = new ReportingFixture();

    hostile.describe("c-1", new HostileServices.Chatty(hostile));

    assertThat(fixture.flushed())
        .extracting(ReceivedEvent::event, e -> e.context().get("name"))
        .containsExactly(tuple("described", "chatty"));
    assertThat(fixture.client.stats().droppedByReason())
        .containsExactly(Map.entry(Reasons.REENTRANT_CALL, 1L));
  }

  @Test
  void aGetterReadWhenAStageCompletesThatCallsAnAnnotatedMethodDoesNotRecurse() {
    fixture = new ReportingFixture();
    CompletableFuture<HostileServices.Chatty> outcome = new CompletableFuture<>();
    hostile.describeLater("c-1", outcome);

    outcome.complete(new HostileServices.Chatty(hostile)); // runs the callback on this thread

    assertThat(fixture.flushed())
        .extracting(ReceivedEvent::event, e -> e.context().get("name"))
        .containsExactly(tuple("described_later", "chatty"));
    assertThat(fixture.client.stats().droppedByReason())
        .containsExactly(Map.entry(Reasons.REENTRANT_CALL, 1L));
  }

  @Test
  void reportingOnTheSameThreadAfterwardsIsNotSkipped() {
    fixture =
        new ReportingFixture(
            b -> b,
            () -> {
              throw new IllegalStateException("session store down");
            });
    newsletter.signUpFromContext("a@b.io", true); // reporting fails: the guard must be released

    newsletter.signUp("c-2", "c@d.io", true);

    assertThat(fixture.flushed()).extracting(ReceivedEvent::customer).containsExactly("c-2");
    assertThat(fixture.client.stats().dropped(Reasons.REENTRANT_CALL)).isZero();
  }
}
