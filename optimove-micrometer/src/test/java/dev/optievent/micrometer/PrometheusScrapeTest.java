package dev.optievent.micrometer;

import static dev.optievent.micrometer.Fixture.event;
import static dev.optievent.micrometer.Fixture.invalidCustomer;
import static dev.optievent.micrometer.Fixture.sendSettled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.TestEndpoint;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The series a user queries in Prometheus (the table and alerts of docs/metrics.md), as
 * Micrometer's Prometheus registry renders them in the text format.
 */
class PrometheusScrapeTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();

  @Test
  void rendersTheSeriesTheReadmeNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String scrape;
    FakeOptimoveServer server = endpoint.server();
    OptimoveClient client = endpoint.client(endpoint.config().build());
    new OptimoveMetrics(client).bindTo(registry);
    server.script(Fault.status(503));
    sendSettled(client, event("order_placed"));
    sendSettled(client, invalidCustomer("order_placed"));
    sendSettled(client, Event.builder("order_placed").build()); // no identity

    scrape = registry.scrape();
    Map<String, Double> series = series(scrape);

    assertThat(series)
        .containsEntry("optimove_events_total{outcome=\"accepted\",reason=\"none\"}", 3.0)
        .containsEntry("optimove_events_total{outcome=\"delivered\",reason=\"none\"}", 1.0)
        .containsEntry(
            "optimove_events_total{outcome=\"rejected\",reason=\"invalid_customer_id\"}", 1.0)
        .containsEntry("optimove_events_total{outcome=\"dropped\",reason=\"no_identity\"}", 1.0)
        .containsEntry("optimove_retries_total", 1.0)
        .containsEntry("optimove_events_pending_events", 0.0)
        .containsEntry("optimove_queue_size_events", 0.0)
        .containsEntry("optimove_queue_capacity_events", 10_000.0)
        .containsEntry("optimove_requests_active_requests", 0.0)
        .containsEntry(
            "optimove_requests_seconds_count{outcome=\"SERVER_ERROR\",status=\"503\"}", 1.0)
        .containsEntry("optimove_requests_seconds_count{outcome=\"SUCCESS\",status=\"200\"}", 1.0)
        .containsEntry("optimove_delivery_latency_seconds_count{outcome=\"delivered\"}", 1.0)
        // The buckets the metrics guide's p99 alert reads with histogram_quantile.
        .containsEntry(
            "optimove_delivery_latency_seconds_bucket{outcome=\"delivered\",le=\"+Inf\"}", 1.0)
        .containsKey("optimove_delivery_latency_seconds_bucket{outcome=\"delivered\",le=\"30.0\"}")
        .containsKey(
            "optimove_requests_seconds_bucket{outcome=\"SUCCESS\",status=\"200\",le=\"1.0\"}");
  }

  /** Each sample line of the text format: series (name and labels) to value. */
  private static Map<String, Double> series(String scrape) {
    return scrape
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .collect(
            Collectors.toMap(
                line -> line.substring(0, line.lastIndexOf(' ')),
                line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
  }
}
