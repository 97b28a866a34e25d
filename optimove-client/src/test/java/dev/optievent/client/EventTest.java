package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An event can be logged or put in a message without showing personal data. */
class EventTest {

  @Test
  void toStringShowsNoIdAndNoValueInClear() {
    Event event =
        Event.builder("newsletter_signup")
            .customer("customer-4711")
            .visitor("visitor-0815")
            .timestamp(Instant.parse("2026-11-27T05:12:01.123Z"))
            .param("email", "ada@example.com")
            .param("total", new BigDecimal("19.90"))
            .param("opt_in", true)
            .build();

    assertThat(event.toString())
        .isEqualTo(
            "Event[eventKey=newsletter_signup, customer=c***(13), visitor=v***(12),"
                + " timestamp=2026-11-27T05:12:01.123Z,"
                + " context={email=text(15), total=number, opt_in=boolean}]")
        .doesNotContain("4711", "0815", "ada", "example", "19.90");
  }
}
