package dev.optievent.micrometer;

import static dev.optievent.micrometer.Fixture.event;
import static dev.optievent.micrometer.Fixture.sendSettled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.optievent.client.OptimoveClient;
import dev.optievent.client.TestEndpoint;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metrics guide's (docs/metrics.md) meter table lists exactly the meters a bound client has,
 * under their names.
 */
class MetricsGuideTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  // Maven runs the tests in the module's directory; the guides are the repository's.
  private static final Path GUIDE = Path.of("..", "docs", "metrics.md");
  private static final String HEADING = "## Metrics";

  @Test
  void theTableListsEveryMeterAndItsPrometheusName() throws IOException {
    Map<String, String> table = prometheusNameByMeter();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String scrape;
    FakeOptimoveServer server = endpoint.server();
    OptimoveClient client = endpoint.client(endpoint.config().build());
    new OptimoveMetrics(client).bindTo(registry);
    server.script(Fault.status(503)); // every meter exists once a retried event is delivered
    sendSettled(client, event("order_placed"));
    scrape = registry.scrape();

    Set<String> meters =
        registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
    assertThat(table.keySet()).as("meters in the guide's table").isEqualTo(meters);
    for (Meter m : registry.getMeters()) {
      String name = table.get(m.getId().getName());
      assertThat(scrape)
          .as("the Prometheus name of %s", m.getId().getName())
          .containsPattern("(?m)^# TYPE " + name + " ");
    }
  }

  /** The first table under the heading: its first column (meter) to its fourth (Prometheus). */
  private static Map<String, String> prometheusNameByMeter() throws IOException {
    if (!Files.isRegularFile(GUIDE)) {
      fail("Cannot find the guide at " + GUIDE.toAbsolutePath().normalize());
    }
    List<String> lines = Files.readAllLines(GUIDE);
    int at = lines.indexOf(HEADING);
    assertThat(at).as("the guide has a line '%s'", HEADING).isNotNegative();
    List<String[]> rows = new ArrayList<>();
    for (int i = at + 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("|")) {
        rows.add(line.substring(1, line.length() - 1).split("\\|", -1));
      } else if (!rows.isEmpty() || line.startsWith("## ")) {
        break;
      }
    }
    assertThat(rows).as("a table under '%s'", HEADING).hasSizeGreaterThan(2);
    Map<String, String> byMeter = new LinkedHashMap<>();
    for (String[] row : rows.subList(2, rows.size())) {
      byMeter.put(unquote(row[0]), unquote(row[3]));
    }
    return byMeter;
  }

  private static String unquote(String cell) {
    String c = cell.trim();
    return c.length() >= 2 && c.startsWith("`") && c.endsWith("`")
        ? c.substring(1, c.length() - 1)
        : c;
  }
}
