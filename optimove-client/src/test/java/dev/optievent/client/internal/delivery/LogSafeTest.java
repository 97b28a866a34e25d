package dev.optievent.client.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import org.junit.jupiter.api.Test;

/** Log arguments never carry an ID or e-mail address in clear. */
class LogSafeTest {
  private final Event customer = Event.builder("signup").customer("johndoe@domain.com").build();
  private final Event visitor = Event.builder("view").visitor("b449f7778d4981a5").build();

  @Test
  void masksTheIdentity() {
    assertThat(LogSafe.who(customer)).hasToString("customer j***@d***");
    assertThat(LogSafe.who(visitor)).hasToString("visitor b***(16)");
    assertThat(LogSafe.who(Event.builder("x").build())).hasToString("no identity");
    assertThat(LogSafe.who(null)).hasToString("no event");
  }

  @Test
  void scrubsTheEventsIdsAndAnyEmailFromAMessage() {
    String message =
        "customer b449f7778d4981a5 unknown; contact ops@example.com or johndoe@domain.com";

    assertThat(LogSafe.scrubNow(message, visitor))
        .doesNotContain("b449f7778d4981a5", "ops@example.com", "johndoe@domain.com")
        .contains("b***(16)", "o***@e***", "j***@d***");
  }

  @Test
  void describesAThrowableWithoutItsWholeStackTrace() {
    String d = LogSafe.describe(new IllegalStateException("boom"));
    assertThat(d).startsWith("java.lang.IllegalStateException: boom at ").doesNotContain("\n");
  }
}
