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

  private final HttpServer http;
  private final HttpsServer https;
  private final ExecutorService workers = Executors.newFixedThreadPool(8);
  private final SSLContext clientContext;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bodyBytes = new AtomicLong();

  private PeerEndpoint() throws IOException {
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
  }

  /**
   * @return a started endpoint
   */
  public static PeerEndpoint start() {
    try {
      return new PeerEndpoint();
    } catch (IOException e) {
      throw new IllegalStateException("could not start the peer endpoint", e);
    }
  }

  private void answer(HttpExchange exchange, byte[] body) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      bodyBytes.addAndGet(in.transferTo(java.io.OutputStream.nullOutputStream()));
      requests.incrementAndGet();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /**
   * @return {@code http://127.0.0.1:PORT}, for Segment and PostHog
   */
  public String httpBase() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /**
   * @return {@code https://127.0.0.1:PORT}, for Amplitude
   */
  public String httpsBase() {
    return "https://127.0.0.1:" + https.getAddress().getPort();
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
    http.stop(0);
    https.stop(0);
    workers.shutdownNow();
  }
}
