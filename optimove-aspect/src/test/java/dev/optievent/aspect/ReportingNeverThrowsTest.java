package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.optievent.client.Reasons;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing thrown inside reporting reaches the business caller: not an Error from a resolver or a
 * getter, and not the logging backend throwing while reporting logs that failure.
 */
class ReportingNeverThrowsTest {
  private final Services.Newsletter newsletter = new Services.Newsletter();
  private final HostileServices hostile = new HostileServices();
  private ReportingFixture fixture;
  private ThrowingLogging logging;

  @AfterEach
  void tearDown() {
    if (logging != null) {
      logging.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aThrowingLoggerWhileNoClientIsConnectedDoesNotReachTheCaller() {
    OptimoveReporting.disconnect();
    long before = OptimoveReporting.eventsWithoutClient();
    logging = new ThrowingLogging();

    String result = newsletter.signUpOrFail("c-1", "a@b.io");

    assertThat(result).isEqualTo("ok:a@b.io");
    assertThat(OptimoveReporting.eventsWithoutClient()).isEqualTo(before + 1);
  }

  @Test
  void aThrowingLoggerOnABrokenAnnotationDoesNotReachTheCaller() {
    fixture = new ReportingFixture();
    logging = new ThrowingLogging();

    String result = hostile.blankKey("c-1");

    assertThat(result).isEqualTo("business result");
    logging.close();
    assertThat(fixture.client.stats().dropped(Reasons.INVALID_ANNOTATION)).isEqualTo(1);
  }

  @Test
  void aResolverThatOverflowsTheStackWhileLoggingThrowsDoesNotReachTheCaller() {
    fixture =
        new ReportingFixture(
            b -> b,
            () -> {
              throw new StackOverflowError();
            });
    logging = new ThrowingLogging();

    assertThatCode(() -> newsletter.signUpFromContext("a@b.io", true)).doesNotThrowAnyException();

    logging.close();
    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.IDENTITY_RESOLVER_FAILED)).isEqualTo(1);
  }

  @Test
  void aStageCallbackThatFailsWhileLoggingThrowsDoesNotReachTheCodeThatCompletesTheStage() {
    fixture = new ReportingFixture();
    HostileServices.BareStage<HostileServices.Overflowing> outcome =
        new HostileServices.BareStage<>();
    CompletionStage<HostileServices.Overflowing> stage = hostile.later("c-1", outcome);
    assertThat(stage).isSameAs(outcome);
    logging = new ThrowingLogging();

    assertThatCode(() -> outcome.complete(new HostileServices.Overflowing()))
        .doesNotThrowAnyException();

    logging.close();
    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.VALUE_CAPTURE_FAILED)).isEqualTo(1);
  }
}
