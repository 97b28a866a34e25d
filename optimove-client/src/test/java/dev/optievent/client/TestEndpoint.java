package dev.optievent.client;

import dev.optievent.testing.FakeOptimoveServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The client tests' endpoint and clients, one per test: a loopback port that is down until {@link
 * #start()} (or up from the start, {@link #up()}), the clients made against it, and after each test
 * every client closed, its books checked ({@code accepted = delivered + rejected + dropped +
 * pending}, nothing negative) and the server stopped. Register it with {@code @RegisterExtension
 * final TestEndpoint endpoint = TestEndpoint.down();}.
 */
final class TestEndpoint implements AfterEachCallback {
  private final int port = FakeOptimoveServer.freeLoopbackPort();
  private final List<OptimoveClient> clients = new ArrayList<>();
  private FakeOptimoveServer server;

  private TestEndpoint() {}

  /** An endpoint that refuses connections until {@link #start()}. */
  static TestEndpoint down() {
    return new TestEndpoint();
  }

  /** An endpoint answering from the start. */
  static TestEndpoint up() {
    TestEndpoint e = new TestEndpoint();
    e.start();
    return e;
  }

  /** The endpoint's address, whether it is up or not. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + port + FakeOptimoveServer.EVENTS_PATH);
  }

  /** Settings against this endpoint ({@link DeliveryFixture#config(URI)}). */
  OptimoveConfig.Builder config() {
    return DeliveryFixture.config(uri());
  }

  /** Starts the fake server on the port, expecting {@link DeliveryFixture#TENANT}. */
  FakeOptimoveServer start() {
    server = FakeOptimoveServer.builder().port(port).expectedTenant(DeliveryFixture.TENANT).start();
    return server;
  }

  /** The server, once started. */
  FakeOptimoveServer server() {
    if (server == null) {
      throw new IllegalStateException("the endpoint is down: call start() first");
    }
    return server;
  }

  /** A client, closed and checked after the test. */
  OptimoveClient client(OptimoveConfig config) {
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
