package dev.optievent.benchmarks;

import dev.optievent.testing.TestCertificates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A local endpoint over TLS that speaks HTTP/2 and HTTP/1.1 (chosen by ALPN), answering every
 * request with Optimove's success body at once: Jetty 12, on 127.0.0.1, with a certificate made by
 * {@link TestCertificates}. Counts the connections clients opened. For the HTTP/2 measurement only
 * (the JDK's own server, behind {@code FakeOptimoveServer}, has no HTTP/2).
 */
final class TlsEndpoint implements AutoCloseable {
  private static final byte[] SUCCESS =
      "{\"status\":\"success\",\"message\":\"1234567890123456\"}".getBytes(StandardCharsets.UTF_8);

  private final Server server;
  private final ServerConnector connector;
  private final java.util.concurrent.atomic.AtomicLong connections =
      new java.util.concurrent.atomic.AtomicLong();
  private final SSLContext clientContext;

  private TlsEndpoint() throws Exception {
    TestCertificates.Authority ca = TestCertificates.authority("Benchmark CA");
    TestCertificates.Identity identity = ca.issue("dns:localhost", "ip:127.0.0.1");
    clientContext = ca.clientContext();

    server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    config.addCustomizer(new SecureRequestCustomizer(false));
    HttpConnectionFactory http11 = new HttpConnectionFactory(config);
    HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(config);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(http11.getProtocol());
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStore(identity.keyStore());
    tls.setKeyStorePassword(TestCertificates.PASSWORD);
    SslConnectionFactory ssl = new SslConnectionFactory(tls, alpn.getProtocol());
    connector = new ServerConnector(server, ssl, alpn, http2, http11);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    // Jetty opens a TLS, an ALPN and an HTTP connection object per socket: count the TLS ones.
    connector.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            if (connection instanceof SslConnection) {
              connections.incrementAndGet();
            }
          }
        });
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            Content.Source.consumeAll(request);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(SUCCESS), callback);
            return true;
          }
        });
    server.start();
  }

  static TlsEndpoint start() throws Exception {
    return new TlsEndpoint();
  }

  /** {@code https://127.0.0.1:<port>/v1/events} */
  java.net.URI endpoint() {
    return java.net.URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/v1/events");
  }

  /** A client context that trusts this endpoint's certificate. */
  SSLContext clientContext() {
    return clientContext;
  }

  /** TCP (TLS) connections opened by clients since start. */
  long connectionsOpened() {
    return connections.get();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
