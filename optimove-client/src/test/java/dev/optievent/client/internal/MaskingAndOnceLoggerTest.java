package dev.optievent.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.logcapture.LogCapture;
import dev.optievent.client.logcapture.LogLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The two helpers behind every log line: masking, and WARN once then DEBUG. */
class MaskingAndOnceLoggerTest {
  private static final String LOGGER = "dev.optievent.test.once";

  @RegisterExtension final LogCapture logs = LogCapture.under(LOGGER);

  @Test
  void masksAnIdToItsFirstCharacterAndLength() {
    assertThat(Masking.mask("customer-1")).isEqualTo("c***(10)");
    assertThat(Masking.mask("x")).isEqualTo("x***(1)");
    assertThat(Masking.mask(12345)).isEqualTo("1***(5)");
    assertThat(Masking.mask(null)).isEqualTo("null");
    assertThat(Masking.mask("")).isEqualTo("''");
  }

  @Test
  void masksAnEmailToTheFirstCharacterOfEachSide() {
    assertThat(Masking.mask("jane.doe@example.com")).isEqualTo("j***@e***");
    assertThat(Masking.mask("a@b")).isEqualTo("a***@b***");
    // An @ at either end is no address: masked as an ID.
    assertThat(Masking.mask("@handle")).isEqualTo("@***(7)");
    assertThat(Masking.mask("handle@")).isEqualTo("h***(7)");
  }

  @Test
  void warnsTheFirstTimeAndLogsRepeatsAtDebug() {
    OnceLogger once = new OnceLogger(LoggerFactory.getLogger(LOGGER));

    assertThat(once.isQuietRepeat("kind", "a")).isFalse();
    once.warn("kind", "a", "problem {} of {}", 1, "a");
    once.warn("kind", "a", "problem {} of {}", 2, "a");
    once.warn("kind", "b", "problem {} of {}", 3, "b");
    once.warn("other", "a", "problem {} of {}", 4, "a");
    once.warn("single-key", "problem {}", 5);
    once.warn("single-key", "problem {}", 6);

    String suffix = " (repeats of this problem are logged at DEBUG)";
    assertThat(logs.lines(Level.WARN))
        .extracting(LogLine::message)
        .containsExactly(
            "problem 1 of a" + suffix,
            "problem 3 of b" + suffix,
            "problem 4 of a" + suffix,
            "problem 5" + suffix);
    assertThat(logs.lines(Level.DEBUG))
        .extracting(LogLine::message)
        .containsExactly("problem 2 of a", "problem 6");
  }

  @Test
  void aRepeatIsQuietOnlyWhenDebugIsOff() {
    OnceLogger once = new OnceLogger(LoggerFactory.getLogger(LOGGER));
    once.warn("kind", "a", "problem");

    assertThat(once.isQuietRepeat("kind", "a")).as("DEBUG on while captured").isFalse();
    assertThat(once.isQuietRepeat("kind", "b")).isFalse();
    assertThat(once.isQuietRepeat("other", "a")).isFalse();
    logs.stop();
    assertThat(once.isQuietRepeat("kind", "a")).as("DEBUG off").isTrue();
    assertThat(once.isQuietRepeat("kind", "b")).isFalse();
  }

  @Test
  void keepsAThrowableAsTheCauseOfTheLine() {
    OnceLogger once = new OnceLogger(LoggerFactory.getLogger(LOGGER));
    IllegalStateException boom = new IllegalStateException("boom");

    once.warn("kind", "a", "failed: {}", "x", boom);

    assertThat(logs.lines(Level.WARN))
        .singleElement()
        .extracting(LogLine::throwable)
        .isSameAs(boom);
  }

  @Test
  void pastTenThousandDistinctProblemsNewOnesGoToDebug() {
    OnceLogger once = new OnceLogger(LoggerFactory.getLogger(LOGGER));
    for (int i = 0; i < 10_000; i++) {
      once.warn("kind", "k" + i, "p");
    }
    once.warn("kind", "one too many", "last");
    once.warn("fresh kind", "x", "last of a new kind");

    assertThat(logs.lines(Level.WARN)).hasSize(10_000);
    assertThat(logs.lines(Level.DEBUG))
        .extracting(LogLine::message)
        .containsExactly("last", "last of a new kind");
  }

  @Test
  void aRepeatIsQuietWhenTheBackendCannotSayWhetherDebugIsOn() {
    org.slf4j.Logger broken =
        org.mockito.Mockito.mock(
            org.slf4j.Logger.class,
            invocation -> {
              if (invocation.getMethod().getName().equals("isDebugEnabled")) {
                throw new IllegalStateException("backend down");
              }
              return null;
            });
    OnceLogger once = new OnceLogger(broken);

    once.warn("kind", "a", "problem");
    once.warn("kind", "a", "problem again"); // must not throw either

    assertThat(once.isQuietRepeat("kind", "a")).isTrue();
    assertThat(once.isQuietRepeat("kind", "b")).isFalse();
  }
}
