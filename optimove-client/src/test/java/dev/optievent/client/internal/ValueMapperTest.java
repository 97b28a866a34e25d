package dev.optievent.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The type table of docs/annotations.md, value by value and type by type. */
class ValueMapperTest {
  enum Plan {
    PRO {
      @Override
      public String toString() {
        return "Professional";
      }
    }
  }

  /** A Number the JDK does not know, whose text is a decimal. */
  static final class Money extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;

    Money(String text) {
      this.text = text;
    }

    @Override
    public int intValue() {
      return 0;
    }

    @Override
    public long longValue() {
      return 0;
    }

    @Override
    public float floatValue() {
      return 0;
    }

    @Override
    public double doubleValue() {
      return 7.25;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  @Test
  void keepsTextBooleansAndThePlainNumberTypesAsTheyAre() {
    for (Object v :
        new Object[] {
          "a", true, 1, 2L, 3.5d, 4.5f, (short) 5, (byte) 6, BigInteger.TEN, new BigDecimal("1.50")
        }) {
      assertThat(ValueMapper.map(v)).isSameAs(v);
      assertThat(ValueMapper.isMapped(v)).as("%s", v.getClass()).isTrue();
    }
    assertThat(ValueMapper.map(null)).isNull();
    assertThat(ValueMapper.isMapped(null)).isFalse();
    assertThat(ValueMapper.isMapped('c')).isFalse();
    assertThat(ValueMapper.isPlainNumber(new AtomicInteger(1))).isFalse();
  }

  @Test
  void mapsTextLikeValuesToText() {
    UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    assertThat(ValueMapper.map(new StringBuilder("sb"))).isEqualTo("sb");
    assertThat(ValueMapper.map('x')).isEqualTo("x");
    assertThat(ValueMapper.map(id)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(ValueMapper.map(Plan.PRO)).as("by name, not toString").isEqualTo("PRO");
  }

  @Test
  void turnsCountersIntoTheirValueAndOtherNumbersIntoTheirExactDecimal() {
    LongAdder adder = new LongAdder();
    adder.add(5);
    DoubleAdder doubles = new DoubleAdder();
    doubles.add(2.5);
    LongAccumulator max = new LongAccumulator(Math::max, 9);
    DoubleAccumulator dmax = new DoubleAccumulator(Math::max, 1.5);

    assertThat(ValueMapper.map(new AtomicInteger(3))).isEqualTo(3L);
    assertThat(ValueMapper.map(new AtomicLong(4))).isEqualTo(4L);
    assertThat(ValueMapper.map(adder)).isEqualTo(5L);
    assertThat(ValueMapper.map(max)).isEqualTo(9L);
    assertThat(ValueMapper.map(doubles)).isEqualTo(2.5d);
    assertThat(ValueMapper.map(dmax)).isEqualTo(1.5d);
    assertThat(ValueMapper.map(new Money(" 19.90 "))).isEqualTo(new BigDecimal("19.90"));
    assertThat(ValueMapper.map(new Money("NaN"))).isEqualTo(7.25d);
    assertThat(ValueMapper.map(new Money(null))).isEqualTo(7.25d);
  }

  @Test
  void unwrapsOptionalsAndLeavesEmptyOnesOut() {
    assertThat(ValueMapper.map(Optional.of(Plan.PRO))).isEqualTo("PRO");
    assertThat(ValueMapper.map(Optional.empty())).isNull();
    assertThat(ValueMapper.map(OptionalInt.of(1))).isEqualTo(1);
    assertThat(ValueMapper.map(OptionalInt.empty())).isNull();
    assertThat(ValueMapper.map(OptionalLong.of(2))).isEqualTo(2L);
    assertThat(ValueMapper.map(OptionalLong.empty())).isNull();
    assertThat(ValueMapper.map(OptionalDouble.of(2.5))).isEqualTo(2.5d);
    assertThat(ValueMapper.map(OptionalDouble.empty())).isNull();
  }

  @Test
  void writesEveryDateAndTimeInTheVendorsFormatInUtc() {
    Instant at = Instant.parse("2024-01-02T03:04:05.678Z");
    String expected = "2024-01-02 03:04:05.678 UTC";

    assertThat(ValueMapper.map(at)).isEqualTo(expected);
    assertThat(ValueMapper.map(at.atZone(ZoneOffset.ofHours(2)))).isEqualTo(expected);
    assertThat(ValueMapper.map(at.atOffset(ZoneOffset.ofHours(-5)))).isEqualTo(expected);
    assertThat(ValueMapper.map(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000)))
        .isEqualTo(expected);
    assertThat(ValueMapper.map(LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02 00:00:00.000 UTC");
    assertThat(ValueMapper.map(Date.from(at))).isEqualTo(expected);
    assertThatThrownBy(() -> ValueMapper.map(LocalTime.NOON))
        .isInstanceOf(UnsupportedValueException.class)
        .hasMessage(
            "the date-time type java.time.LocalTime is not supported; use Instant,"
                + " ZonedDateTime, OffsetDateTime, LocalDateTime or LocalDate");
  }

  @Test
  void refusesOtherTypesAndSaysHowToPickAProperty() {
    assertThatThrownBy(() -> ValueMapper.map(new ArrayList<>()))
        .isInstanceOf(UnsupportedValueException.class)
        .hasMessage(
            "a value of type java.util.ArrayList cannot be sent as text, number or boolean; use"
                + " @EventParam(path = ...) to pick a property of it");
  }

  @Test
  void classifiesDeclaredTypes() {
    assertThat(ValueMapper.kindOf(boolean.class)).isEqualTo(ValueMapper.Kind.BOOLEAN);
    assertThat(ValueMapper.kindOf(Boolean.class)).isEqualTo(ValueMapper.Kind.BOOLEAN);
    for (Class<?> t :
        new Class<?>[] {
          int.class,
          long.class,
          double.class,
          float.class,
          short.class,
          byte.class,
          Integer.class,
          BigDecimal.class,
          AtomicLong.class,
          Number.class
        }) {
      assertThat(ValueMapper.kindOf(t)).as(t.getName()).isEqualTo(ValueMapper.Kind.NUMBER);
    }
    for (Class<?> t :
        new Class<?>[] {
          char.class,
          Character.class,
          String.class,
          StringBuilder.class,
          CharSequence.class,
          Plan.class,
          Plan.PRO.getClass(),
          Enum.class,
          UUID.class,
          Instant.class,
          ZonedDateTime.class,
          OffsetDateTime.class,
          LocalDateTime.class,
          LocalDate.class,
          Date.class,
          java.sql.Timestamp.class
        }) {
      assertThat(ValueMapper.kindOf(t)).as(t.getName()).isEqualTo(ValueMapper.Kind.TEXT);
    }
    for (Class<?> t :
        new Class<?>[] {
          Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class
        }) {
      assertThat(ValueMapper.kindOf(t)).as(t.getName()).isEqualTo(ValueMapper.Kind.OPTIONAL);
    }
    assertThat(ValueMapper.kindOf(Object.class)).isEqualTo(ValueMapper.Kind.DYNAMIC);
    assertThat(ValueMapper.kindOf(void.class)).isEqualTo(ValueMapper.Kind.UNSUPPORTED);
    assertThat(ValueMapper.kindOf(LocalTime.class)).isEqualTo(ValueMapper.Kind.UNSUPPORTED);
    assertThat(ValueMapper.kindOf(ArrayList.class)).isEqualTo(ValueMapper.Kind.UNSUPPORTED);
  }
}
