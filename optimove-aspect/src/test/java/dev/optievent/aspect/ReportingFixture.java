package dev.optievent.aspect;

import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real client reporting over loopback HTTP to a {@link FakeOptimoveServer}, connected to the
 * woven aspect. Close it after each test.
 */
final class ReportingFixture implements AutoCloseable {
  static final long TENANT = 999;

  final FakeOptimoveServer server;
  final OptimoveClient client;

  ReportingFixture() {
    this(b -> b);
  }

  ReportingFixture(UnaryOperator<OptimoveConfig.Builder> settings) {
    this(settings, null);
  }

  ReportingFixture(UnaryOperator<OptimoveConfig.Builder> settings, CustomerIdResolver resolver) {
    server = FakeOptimoveServer.builder().expectedTenant(TENANT).start();
    client =
        OptimoveClient.create(
            settings
                .apply(
                    OptimoveConfig.builder()
                        .endpoint(server.endpoint())
                        .tenant(TENANT)
                        .retryBaseDelay(Duration.ofMillis(10))
                        .retryMaxDelay(Duration.ofMillis(50))
                        .shutdownTimeout(Duration.ofSeconds(5)))
                .build());
    OptimoveReporting.connect(client, resolver);
  }

  /** Waits until everything handed to the client is settled, and returns what arrived. */
  List<ReceivedEvent> flushed() {
    if (!client.flush(Duration.ofSeconds(10))) {
      throw new AssertionError("client did not settle its events within 10 s: " + client.stats());
    }
    return server.acceptedEvents();
  }

  @Override
  public void close() {
    OptimoveReporting.disconnect(client);
    client.close();
    server.close();
  }
}
