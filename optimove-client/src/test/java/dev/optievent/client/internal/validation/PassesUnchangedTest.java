package dev.optievent.client.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.internal.ParamMap;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of a captured event's parts, which spares the calling thread an {@link Event}: it may
 * answer "passes unchanged" only where the whole check of the same event answers {@link
 * ValidationResult#unchanged()}, and it does so for the events that are valid as captured.
 */
class PassesUnchangedTest {
  private static final Instant AT = Instant.parse("2024-01-02T03:04:05Z");
  private static final String[] NAMES = {"email", "opt_in", "amount"};

  private record Parts(
      String key, String customer, String visitor, String[] names, Object[] values) {
    Event event() {
      return new Event(key, customer, visitor, AT, new ParamMap(names, values));
    }

    @Override
    public String toString() {
      return key + " " + customer + "/" + visitor + " " + List.of(names) + "=" + listOf(values);
    }

    private static List<Object> listOf(Object[] values) {
      List<Object> list = new ArrayList<>();
      for (Object v : values) {
        list.add(v);
      }
      return list;
    }
  }

  private static Parts parts(String key, String customer, String visitor, Object... values) {
    return new Parts(key, customer, visitor, NAMES, values);
  }

  private static OptimoveConfig.Builder config() {
    return OptimoveConfig.builder()
        .endpoint(URI.create("http://127.0.0.1:9/"))
        .tenant(1)
        .maxParameters(2)
        .maxTextLength(10);
  }

  /** Valid as captured: the quick check must let them through, or the fast path is never taken. */
  private static final List<Parts> VALID =
      List.of(
          parts("signup", "c-1", null, "a@b.io", true, null),
          parts("signup", null, "v-1", "a@b.io", null, 12),
          parts("signup", "42", null, null, null, null),
          parts("signup", "c-1", null, null, false, new BigDecimal("12.50")));

  /** Each breaks or changes under one rule. */
  private static final List<Parts> NOT_UNCHANGED =
      List.of(
          parts("signup", null, null, "a@b.io", true, null), // no identity
          parts("signup", " c-1", null, "a@b.io", true, null), // trimmed
          parts("signup", "c-1", "v-1", "a@b.io", true, null), // both IDs: the visitor goes
          parts("signup", null, " v-1 ", "a@b.io", true, null),
          parts("signup", "", null, "a@b.io", true, null),
          parts("signup", "NULL", null, "a@b.io", true, null),
          parts("signup", null, "undefined", "a@b.io", true, null),
          parts("signup", "c".repeat(201), null, null, null, null),
          parts(" ", "c-1", null, "a@b.io", true, null), // blank key
          parts("signup", "c-1", null, "a@b.io", true, 1), // three parameters, two allowed
          parts("signup", "c-1", null, "a@b.io.long.address", null, null), // text too long
          parts("signup", "c-1", null, null, null, Double.NaN),
          parts("signup", "c-1", null, null, null, Float.POSITIVE_INFINITY),
          parts("signup", "c-1", null, null, null, new BigDecimal("1e400")),
          parts("signup", "c-1", null, null, new Object(), null), // not a mapped type
          new Parts("signup", "c-1", null, new String[] {" "}, new Object[] {1})); // blank name

  @Test
  void passesExactlyTheEventsTheWholeCheckSendsUnchanged() {
    EventValidator chain = Validators.forConfig(config().build());

    assertPassesExactly(chain, VALID, NOT_UNCHANGED);
  }

  @Test
  void withACatalogPassesOnlyKnownParametersOfTheirTypeWithTheMandatoryOnesPresent(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.json");
    Files.writeString(
        file,
        "{\"events\":[{\"name\":\"signup\",\"parameters\":["
            + "{\"name\":\"email\",\"type\":\"text\",\"mandatory\":true},"
            + "{\"name\":\"opt_in\",\"type\":\"boolean\"},"
            + "{\"name\":\"amount\",\"type\":\"number\"}]}]}");
    EventValidator chain = Validators.forConfig(config().catalog(file).build());
    List<Parts> valid =
        List.of(
            parts("signup", "c-1", null, "a@b.io", true, null),
            parts("signup", "c-1", null, "a@b.io", null, 3));
    List<Parts> notUnchanged =
        List.of(
            parts("other", "c-1", null, "a@b.io", true, null), // unknown event
            parts("signup", "c-1", null, null, true, null), // mandatory email missing
            parts("signup", "c-1", null, "a@b.io", "yes", null), // opt_in is a boolean
            new Parts(
                "signup",
                "c-1",
                null,
                new String[] {"email", "extra"},
                new Object[] {"a@b.io", 1})); // left out: the event changes

    assertPassesExactly(chain, valid, notUnchanged);
  }

  @Test
  void aValidatorThatDoesNotJudgePartsSendsEveryEventToTheWholeCheck() {
    EventValidator custom = event -> ValidationResult.unchanged();

    assertThat(passes(custom, VALID.get(0))).isFalse();
  }

  /**
   * The whole check sends {@code valid} unchanged and the quick check agrees; and the others not.
   */
  private static void assertPassesExactly(
      EventValidator chain, List<Parts> valid, List<Parts> notUnchanged) {
    for (Parts p : valid) {
      assertThat(chain.check(p.event())).as("%s", p).isSameAs(ValidationResult.unchanged());
      assertThat(passes(chain, p)).as("%s", p).isTrue();
    }
    for (Parts p : notUnchanged) {
      assertThat(chain.check(p.event())).as("%s", p).isNotSameAs(ValidationResult.unchanged());
      assertThat(passes(chain, p)).as("%s", p).isFalse();
    }
  }

  private static boolean passes(EventValidator validator, Parts p) {
    return validator.passesUnchanged(p.key(), p.customer(), p.visitor(), p.names(), p.values());
  }
}
