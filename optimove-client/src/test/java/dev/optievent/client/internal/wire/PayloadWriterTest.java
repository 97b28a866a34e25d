package dev.optievent.client.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The JSON writer on its own, for values that validation may never let through. */
class PayloadWriterTest {
  private static final Instant AT = Instant.parse("2020-04-12T17:32:06.094Z");
  private final PayloadWriter writer = new PayloadWriter(7);

  private String write(Map<String, Object> context) throws InvalidPayloadException {
    return new String(writer.write(new Event("e", "c", null, AT, context)), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> one(Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p", value);
    return m;
  }

  @Test
  void writesTheEnvelope() throws Exception {
    assertThat(write(Map.of()))
        .isEqualTo(
            "{\"tenant\":7,\"event\":\"e\",\"customer\":\"c\",\"timestamp\":\"2020-04-12 17:32:06.094 UTC\","
                + "\"context\":{}}");
  }

  @Test
  void writesBigNumbersPlainAndExact() throws Exception {
    assertThat(write(one(new BigDecimal("1E+3")))).contains("{\"p\":1000}");
    assertThat(write(one(new BigDecimal("-2.50E+2")))).contains("{\"p\":-250}");
    assertThat(write(one(new BigDecimal("0.1")))).contains("{\"p\":0.1}");
    assertThat(write(one(new BigInteger("123456789012345678901234567890"))))
        .contains("{\"p\":123456789012345678901234567890}");
    assertThat(write(one(new AtomicLong(5)))).contains("{\"p\":5}");
  }

  @Test
  void writesOtherValuesAsTheirText() throws Exception {
    assertThat(write(one(DayOfWeek.MONDAY))).contains("{\"p\":\"MONDAY\"}");
    assertThat(write(one('x'))).contains("{\"p\":\"x\"}");
    assertThat(write(one(new StringBuilder("sb")))).contains("{\"p\":\"sb\"}");
    assertThat(write(one("quote\" and \n"))).contains("{\"p\":\"quote\\\" and \\n\"}");
  }

  @Test
  void leavesOutNullValues() throws Exception {
    Map<String, Object> m = new HashMap<>();
    m.put("p", null);
    assertThat(write(m)).contains("\"context\":{}");
  }

  @Test
  void refusesNumbersJsonCannotCarry() {
    assertThatThrownBy(() -> write(one(Double.NaN)))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class, e -> assertThat(e.reason()).isEqualTo("invalid_number"))
        .hasMessageContaining("'p'");
    assertThatThrownBy(() -> write(one(Float.POSITIVE_INFINITY)))
        .isInstanceOf(InvalidPayloadException.class);
  }

  @Test
  void refusesAValueWhoseTextThrows() {
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };
    assertThatThrownBy(() -> write(one(hostile)))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class, e -> assertThat(e.reason()).isEqualTo("invalid_value"));
  }

  @Test
  void writesTheVisitorOnlyWithoutACustomer() throws Exception {
    String json =
        new String(writer.write(new Event("e", null, "v", AT, Map.of())), StandardCharsets.UTF_8);
    assertThat(json).contains("\"visitor\":\"v\"").doesNotContain("customer");
  }
}
