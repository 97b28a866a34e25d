package dev.optievent.sample;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.junit.OptimoveExtension;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sample, woven as the README says, reports its whole scripted scenario. */
class SampleAppTest {

  // The sample makes and connects its own client (OptimoveModule): the extension lends it the fake
  // endpoint to report to, and checks what arrived there.
  @RegisterExtension
  static final OptimoveExtension optimove =
      OptimoveExtension.builder().tenant(SampleApp.EMBEDDED_TENANT).connectAspect(false).build();

  @Test
  void reportsEveryScriptedEventToTheEndpointItIsGiven() throws Exception {
    Map<String, String> env =
        Map.of(
            OptimoveConfig.ENV_ENDPOINT,
            optimove.server().endpoint().toString(),
            OptimoveConfig.ENV_TENANT,
            Long.toString(SampleApp.EMBEDDED_TENANT));

    int undelivered = SampleApp.run(env, new PrintStream(OutputStream.nullOutputStream()));

    assertThat(undelivered).isZero();
    assertThat(optimove)
        .hasReceivedEventCount(12)
        .hasReceivedExactly(3, event("newsletter_signup"))
        .hasReceivedOnce(
            event("checkout_completed")
                .forCustomer("c-1001")
                .with("total", new BigDecimal("1250.00"))
                .with("currency", "USD")
                .with("order_id", "ord-5002")
                .withNoOtherParameters())
        .hasNotReceived(event("checkout_completed").with("total", 0))
        .hasReceivedExactly(2, event("product_viewed").forVisitor("v-7f3a"))
        .hasReceivedOnce(
            event("points_awarded")
                .forCustomer("c-1002")
                .with("points", 125)
                .with("balance", 1125));
  }

  @Test
  void withoutAnEndpointItStartsItsOwnAndPrintsWhatArrived() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    int undelivered = SampleApp.run(Map.of(), out);

    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(undelivered).isZero();
    assertThat(printed).contains("delivered 12 of 12 events");
    assertThat(printed.lines().filter(l -> l.startsWith("  {\"tenant\":999"))).hasSize(12);
    assertThat(optimove).hasReceivedEventCount(0);
  }
}
