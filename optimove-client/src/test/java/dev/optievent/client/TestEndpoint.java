package dev.optievent.client;

import dev.optievent.testing.FakeOptimoveServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The client tests' endpoint and clients, one per test: a loopback port that is down until {@link
 * #start()} (or up from the start, {@link #up()}), the clients made against it, and after each test
 * every client closed, its books checked ({@code accepted = delivered + rejected + dropped +
 * pending}, nothing negative) and the server stopped. Register it with {@code @RegisterExtension
 * final TestEndpoint endpoint = TestEndpoint.down();}.
 *
 * <p>Public for the other modules' tests (the metrics module's), which get it from this module's
 * test-jar; the client's own tests use it from this package.
 */
public final class TestEndpoint implements AfterEachCallback {
  private final int port = FakeOptimoveServer.freeLoopbackPort();
  private final List<OptimoveClient> clients = new ArrayList<>();
  private FakeOptimoveServer server;

  private TestEndpoint() {}

  /** An endpoint that refuses connections until {@link #start()}. */
  public static TestEndpoint down() {
    return new TestEndpoint();
  }

  /** An endpoint answering from the start. */
  public static TestEndpoint up() {
    TestEndpoint e = new TestEndpoint();
    e.start();
    return e;
  }

  /** The endpoint's address, whether it is up or not. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port + FakeOptimoveServer.EVENTS_PATH);
  }

  /** Settings against this endpoint ({@link DeliveryFixture#config(URI)}). */
  public OptimoveConfig.Builder config() {
    return DeliveryFixture.config(uri());
  }

  /** Starts the fake server on the port, expecting {@link DeliveryFixture#TENANT}. */
  public FakeOptimoveServer start() {
    return start(UnaryOperator.identity());
  }

  /**
   * Starts the fake server on the port, expecting {@link DeliveryFixture#TENANT}, shaped further by
   * {@code shape} (an answer delay, events not recorded, ...).
   */
  public FakeOptimoveServer start(UnaryOperator<FakeOptimoveServer.Builder> shape) {
    server =
        shape
            .apply(FakeOptimoveServer.builder().port(port).expectedTenant(DeliveryFixture.TENANT))
            .start();
    return server;
  }

  /** The server, once started. */
  public FakeOptimoveServer server() {
    if (server == null) {
      throw new IllegalStateException("the endpoint is down: call start() first");
    }
    return server;
  }

  /** A client, closed and checked after the test. */
  public OptimoveClient client(OptimoveConfig config) {
    OptimoveClient c = OptimoveClient.create(config);
    clients.add(c);
    return c;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      for (OptimoveClient c : clients) {
        c.close();
        DeliveryFixture.assertBalanced(c.stats());
      }
    } finally {
      clients.clear();
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }
}
