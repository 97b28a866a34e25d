package dev.optievent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample, woven as the README says, delivers every scripted event to its embedded endpoint. */
class SampleAppTest {

  @Test
  void deliversAllScriptedEventsToTheEmbeddedEndpoint() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    int undelivered = SampleApp.run(Map.of(), out);

    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(undelivered).isZero();
    assertThat(printed).contains("delivered 12 of 12 events");
    assertThat(printed.lines().filter(l -> l.startsWith("  {\"tenant\":999"))).hasSize(12);
    assertThat(printed)
        .contains("\"event\":\"checkout_completed\"")
        .contains("\"visitor\":\"v-91bc\"")
        .contains("\"total\":1250.00")
        .doesNotContain("\"total\":0");
  }
}
