package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.NumberLimits;
import dev.optievent.testing.FakeOptimoveServer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One bad value is one rejected event, decided on the caller's thread, and the client goes on
 * delivering everything else.
 */
class BadValuesTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;

  @BeforeEach
  void start() {
    client = endpoint.client(config(server).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1E+2147483647", "1E-2147483647", "1E+101", "-1E-100"})
  void rejectsANumberWhosePlainTextIsHugeAndDeliversTheRest(String number) {
    Event huge =
        Event.builder("order_placed")
            .customer("c-1")
            .param("total", new BigDecimal(number))
            .build();

    assertThat(client.send(huge)).isFalse();
    for (int i = 0; i < 20; i++) {
      client.send(event(i));
    }

    ClientStats stats = flushed(client);
    assertThat(stats.rejected(Reasons.INVALID_NUMBER)).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(20);
    assertThat(server.requestCount()).isEqualTo(20);
  }

  @Test
  void rejectsAHugeIntegerToo() {
    Event huge =
        Event.builder("order_placed")
            .customer("c-1")
            .param("count", BigInteger.TEN.pow(101))
            .build();

    assertThat(client.send(huge)).isFalse();
    assertThat(client.stats().rejected(Reasons.INVALID_NUMBER)).isEqualTo(1);
  }

  @Test
  void sendsTheLongestNumbersAllowedExactly() {
    BigDecimal longestInteger = new BigDecimal("9".repeat(NumberLimits.MAX_DIGITS));
    BigDecimal longestFraction =
        new BigDecimal("0." + "0".repeat(NumberLimits.MAX_DIGITS - 2) + "1");
    client.send(
        Event.builder("order_placed")
            .customer("c-1")
            .param("a", longestInteger)
            .param("b", longestFraction)
            .param("c", BigInteger.TEN.pow(NumberLimits.MAX_DIGITS - 1))
            .build());

    assertThat(flushed(client).delivered()).isEqualTo(1);
    String json = server.awaitAcceptedEvents(1, Duration.ofSeconds(5)).get(0).rawJson();
    assertThat(json)
        .contains("\"a\":" + longestInteger.toPlainString())
        .contains("\"b\":" + longestFraction.toPlainString())
        .contains("\"c\":1" + "0".repeat(NumberLimits.MAX_DIGITS - 1));
  }
}
