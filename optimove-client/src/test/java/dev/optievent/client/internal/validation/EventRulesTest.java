package dev.optievent.client.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.ParamMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vendor's content rules, on both shapes a context comes in: the aspect's {@link ParamMap}
 * (walked by index) and the plain map that {@code Event.builder} users end up with.
 */
class EventRulesTest {
  private static final Instant AT = Instant.parse("2024-01-02T03:04:05Z");
  private final EventRules rules = new EventRules(3, 5);

  /** The two ways a context reaches the rules. */
  enum Shape {
    PARAM_MAP,
    PLAIN_MAP;

    Event event(String key, String[] names, Object[] values) {
      Map<String, Object> context;
      if (this == PARAM_MAP) {
        context = new ParamMap(names, values);
      } else {
        context = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
          if (values[i] != null) {
            context.put(names[i], values[i]);
          }
        }
      }
      return new Event(key, "c-1", null, AT, context);
    }

    Event event(String name, Object value) {
      return event("signup", new String[] {name}, new Object[] {value});
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void sendsAnEventAtEveryLimitUnchanged(Shape shape) {
    Event atLimits =
        shape.event(
            "signup",
            new String[] {"a", "b", "c", "unset"},
            new Object[] {"12345", 1.5, new BigDecimal("9".repeat(100)), null});

    ValidationResult result = rules.check(atLimits);

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(result.event()).as("unchanged: nothing to copy").isNull();
    assertThat(result).isSameAs(ValidationResult.unchanged());
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void rejectsOneParameterMoreThanTheMostAllowed(Shape shape) {
    Event four =
        shape.event("signup", new String[] {"a", "b", "c", "d"}, new Object[] {1, 2, 3, 4});

    assertRejected(
        rules.check(four),
        four,
        Reasons.TOO_MANY_PARAMETERS,
        "event 'signup' has 4 parameters; the most allowed is 3");
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void rejectsABlankEventKey(Shape shape) {
    Event blank = shape.event(" \t", new String[] {"a"}, new Object[] {1});

    assertRejected(rules.check(blank), blank, Reasons.BLANK_EVENT_KEY, "the event key is blank");
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void rejectsABlankParameterName(Shape shape) {
    Event blank = shape.event("  ", "x");

    assertRejected(
        rules.check(blank),
        blank,
        Reasons.BLANK_PARAMETER_NAME,
        "event 'signup' has a parameter with a blank name");
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void rejectsTextOneCharacterLongerThanTheMostAllowed(Shape shape) {
    Event six = shape.event("note", "123456");

    assertRejected(
        rules.check(six),
        six,
        Reasons.VALUE_TOO_LONG,
        "event 'signup', parameter 'note': text of 6 characters; the most allowed is 5");
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void rejectsNumbersJsonCannotCarry(Shape shape) {
    for (Object notANumber :
        new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN}) {
      Event event = shape.event("total", notANumber);

      assertRejected(
          rules.check(event),
          event,
          Reasons.INVALID_NUMBER,
          "event 'signup', parameter 'total': " + notANumber + " is not a number JSON can carry");
    }
    Event huge = shape.event("total", BigInteger.TEN.pow(100));
    assertRejected(
        rules.check(huge),
        huge,
        Reasons.INVALID_NUMBER,
        "event 'signup', parameter 'total': a number of more than 100 digits in plain notation");
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void sendsFiniteFloatsAndDoubles(Shape shape) {
    assertThat(rules.check(shape.event("total", 1.5f)).outcome())
        .isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(rules.check(shape.event("total", -0.0d)).outcome())
        .isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(rules.check(shape.event("total", Double.MAX_VALUE)).outcome())
        .isEqualTo(ValidationResult.Outcome.SEND);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void rejectsAValueOfAnUnsupportedType(Shape shape) {
    Event event = shape.event("items", new Basket(3));

    assertRejected(
        rules.check(event),
        event,
        Reasons.UNSUPPORTED_VALUE_TYPE,
        "event 'signup', parameter 'items': a "
            + Basket.class.getName()
            + " is not text, number or boolean (Event maps the supported types; this one is not)");
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void checksEveryParameterNotOnlyTheFirst(Shape shape) {
    Event lastIsBad =
        shape.event("signup", new String[] {"a", "b", "c"}, new Object[] {"ok", 2, "toolong"});

    assertThat(rules.check(lastIsBad).reason()).isEqualTo(Reasons.VALUE_TOO_LONG);
  }

  /** A type neither the client nor validation maps. */
  record Basket(int items) {}

  private static void assertRejected(
      ValidationResult result, Event event, String reason, String message) {
    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.REJECT);
    assertThat(result.reason()).isEqualTo(reason);
    assertThat(result.message()).isEqualTo(message);
    assertThat(result.event()).isSameAs(event);
  }
}
