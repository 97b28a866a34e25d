package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.ClientStats;
import dev.optievent.client.Reasons;
import dev.optievent.testing.ReceivedEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A numeric ID goes out as the plain digits of a whole number; a number that is not a whole number
 * is not an ID, and the event is dropped rather than sent for a customer nobody has.
 */
class NumericIdsTest {
  private final ReportingFixture fixture = new ReportingFixture();
  private final IdServices services = new IdServices();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** Who each event went out for, by its "case" parameter. */
  private Map<Object, String> sentFor() {
    return fixture.flushed().stream()
        .collect(
            Collectors.toMap(
                e -> e.context().get("case"),
                e -> e.customer() != null ? e.customer() : "visitor:" + e.visitor()));
  }

  @Test
  void wholeNumbersGoOutAsPlainDigits() {
    services.decimal(new BigDecimal("1E+3"), "decimal with exponent");
    services.decimal(new BigDecimal("1000.00"), "decimal with zero fraction");
    services.primitiveDouble(12345.0, "double");
    services.primitiveFloat(7f, "float");
    services.bigInteger(new BigInteger("123456789012345678901234567890"), "big integer");
    services.boxedInteger(42, "integer");
    services.anyValue(new AtomicLong(5), "atomic long as Object");
    services.throughPath(new IdServices.Account(9_007_199_254_740_993L), "long through a path");
    services.throughPath(new IdServices.Account(-3.0), "negative double through a path");
    services.visitor(77.0, "visitor double");

    assertThat(sentFor())
        .containsOnly(
            Map.entry("decimal with exponent", "1000"),
            Map.entry("decimal with zero fraction", "1000"),
            Map.entry("double", "12345"),
            Map.entry("float", "7"),
            Map.entry("big integer", "123456789012345678901234567890"),
            Map.entry("integer", "42"),
            Map.entry("atomic long as Object", "5"),
            Map.entry("long through a path", "9007199254740993"),
            Map.entry("negative double through a path", "-3"),
            Map.entry("visitor double", "visitor:77"));
  }

  @Test
  void aNumberThatIsNotAWholeNumberIsAnInvalidIdAndTheEventIsDropped() {
    services.primitiveDouble(12.5, "fraction");
    services.decimal(new BigDecimal("1.5"), "decimal fraction");
    services.primitiveDouble(Double.NaN, "NaN");
    services.primitiveDouble(Double.POSITIVE_INFINITY, "infinity");
    services.primitiveFloat(0.1f, "float fraction");
    services.throughPath(new IdServices.Account(12.5), "fraction through a path");
    services.decimal(new BigDecimal("1E+1000000000"), "too many digits to spell out");
    services.visitor(0.5, "visitor fraction");

    assertThat(fixture.flushed()).isEmpty();
    ClientStats stats = fixture.client.stats();
    assertThat(stats.dropped(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(7);
    assertThat(stats.dropped(Reasons.INVALID_VISITOR_ID)).isEqualTo(1);
    assertThat(stats.accepted()).isEqualTo(8);
  }

  @Test
  void anInvalidNumericIdIsNotReplacedByTheContextsCustomer() {
    try (OptimoveContext.Scope scope = OptimoveContext.customer("c-context")) {
      services.primitiveDouble(12.5, "fraction");
    }

    assertThat(fixture.flushed()).extracting(ReceivedEvent::customer).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
  }
}
