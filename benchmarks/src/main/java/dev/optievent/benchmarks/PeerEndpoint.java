package dev.optievent.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.optievent.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * One loopback endpoint for every SDK compared: it takes each one's own format on its own path and
 * answers as its service would (the peers need only a 200; Amplitude also needs its JSON fields),
 * over plain HTTP and, for Amplitude (which casts every connection to {@code HttpsURLConnection}),
 * over TLS with a certificate of {@link TestCertificates}. It counts requests and body bytes; it
 * does not parse what it receives. Optimove's own format goes to {@code FakeOptimoveServer}.
 */
final class PeerEndpoint implements AutoCloseable {
  private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AMPLITUDE_OK =
      "{\"code\":200,\"events_ingested\":10,\"payload_size_bytes\":1000,\"server_upload_time\":1}"
          .getBytes(StandardCharsets.UTF_8);

  /** Each SDK's event carries its name once: counting it counts the events, whatever the batch. */
  static final String EVENT_NAME = "newsletter_signup";

  private static final byte[] EVENT_NAME_BYTES = EVENT_NAME.getBytes(StandardCharsets.UTF_8);

  private final HttpServer http;
  private final HttpsServer https;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final long delayMillis;
  private final AtomicLong events = new AtomicLong();
  private final SSLContext clientContext;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bodyBytes = new AtomicLong();
  private final String httpBase;
  private final String httpsBase;
  private final AtomicBoolean listening = new AtomicBoolean(true);

  private PeerEndpoint(long delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    http = HttpServer.create(new InetSocketAddress(loopback, 0), 256);
    http.createContext("/", exchange -> answer(exchange, OK));
    http.setExecutor(workers);
    TestCertificates.Identity identity =
        TestCertificates.authority("Peer endpoint CA").issue("dns:localhost", "ip:127.0.0.1");
    clientContext = identity.clientContext();
    https = HttpsServer.create(new InetSocketAddress(loopback, 0), 256);
    https.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
    https.createContext("/", exchange -> answer(exchange, AMPLITUDE_OK));
    https.setExecutor(workers);
    http.start();
    https.start();
    httpBase = "http://127.0.0.1:" + http.getAddress().getPort();
    httpsBase = "https://127.0.0.1:" + https.getAddress().getPort();
  }

  /**
   * @return a started endpoint
   */
  public static PeerEndpoint start() {
    return start(0);
  }

  /**
   * @param delayMillis how long each answer takes
   * @return a started endpoint
   */
  static PeerEndpoint start(long delayMillis) {
    try {
      return new PeerEndpoint(delayMillis);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the peer endpoint", e);
    }
  }

  private void answer(HttpExchange exchange, byte[] body) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] received = in.readAllBytes();
      long length = received.length;
      int count = occurrences(received);
      received = null; // not held while the answer waits: the memory harness measures the SDKs
      sleep(delayMillis);
      bodyBytes.addAndGet(length);
      requests.incrementAndGet();
      events.addAndGet(count);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int occurrences(byte[] body) {
    int count = 0;
    outer:
    for (int i = 0; i + EVENT_NAME_BYTES.length <= body.length; i++) {
      for (int j = 0; j < EVENT_NAME_BYTES.length; j++) {
        if (body[i + j] != EVENT_NAME_BYTES[j]) {
          continue outer;
        }
      }
      count++;
    }
    return count;
  }

  /**
   * @return events answered so far (counted by their name in the bodies)
   */
  long events() {
    return events.get();
  }

  /**
   * @return {@code http://127.0.0.1:PORT}, for Segment and PostHog
   */
  public String httpBase() {
    return httpBase;
  }

  /**
   * @return {@code https://127.0.0.1:PORT}, for Amplitude
   */
  public String httpsBase() {
    return httpsBase;
  }

  /**
   * Stops listening: from now on every connection to {@link #httpBase()} and {@link #httpsBase()}
   * is refused (the ports stay free of anything else while no one binds them).
   */
  void refuse() {
    if (listening.compareAndSet(true, false)) {
      http.stop(0);
      https.stop(0);
    }
  }

  /**
   * @return a client context that trusts this endpoint's certificate
   */
  public SSLContext clientContext() {
    return clientContext;
  }

  /**
   * @return requests answered so far
   */
  public long requests() {
    return requests.get();
  }

  /**
   * @return request body bytes received so far
   */
  public long bodyBytes() {
    return bodyBytes.get();
  }

  @Override
  public void close() {
    refuse();
    workers.shutdownNow();
  }
}
