package dev.optievent.client.internal;

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

  @Test
  void scrubTurnsLineBreaksAndOtherControlCharactersIntoSpaces() {
    String forged =
        "bad event\r\n[main] ERROR dev.optievent.Forged - all is lost\u0000\u001b[31m\u0085\u2028x";

    String scrubbed = LogSafe.scrubNow(forged, null);

    assertThat(scrubbed)
        .doesNotContain("\r", "\n", "\u0000", "\u001b", "\u0085", "\u2028")
        .isEqualTo("bad event  [main] ERROR dev.optievent.Forged - all is lost  [31m  x");
  }

  @Test
  void scrubCapsTheLengthAfterMaskingSoThatNoIdIsCutInHalf() {
    String id = "b449f7778d4981a5";
    String text = "x".repeat(LogSafe.MAX_TEXT - 5) + " " + id + " " + "y".repeat(100_000);

    String scrubbed = LogSafe.scrubNow(text, visitor);

    assertThat(scrubbed.length()).isLessThanOrEqualTo(LogSafe.MAX_TEXT + 40);
    assertThat(scrubbed).doesNotContain("b449").endsWith("(" + text.length() + " chars)");
  }

  @Test
  void emailMaskingTakesLinearTimeOnAdversarialText() {
    // A backtracking pattern takes time quadratic in these runs: hours for a million characters.
    String run = "a".repeat(1_000_000);

    assertThat(LogSafe.scrubNow("@" + run, null)).startsWith("@aaaa").doesNotContain("***");
    assertThat(LogSafe.scrubNow(run + "@", null)).startsWith("aaaa").doesNotContain("***");
    assertThat(LogSafe.scrubNow(run + "@example.com", null)).isEqualTo("a***@e***");
    assertThat(LogSafe.scrubNow("@@a@@b@ x@y, z@ @w", null)).isEqualTo("@@a@@b@ x***@y***, z@ @w");
  }

  @Test
  void describeHasNoLineBreaksAndIsCapped() {
    String d =
        LogSafe.describe(new IllegalStateException("line one\r\nline two" + "z".repeat(50_000)));

    assertThat(d)
        .startsWith("java.lang.IllegalStateException: line one  line two")
        .doesNotContain("\r", "\n");
    assertThat(d.length()).isLessThan(LogSafe.MAX_TEXT + 300);
  }
}
