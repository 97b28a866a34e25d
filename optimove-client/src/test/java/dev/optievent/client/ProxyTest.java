package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.TENANT;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.TestCertificates;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events go through a forward proxy when one is configured, over real HTTP and HTTPS. */
class ProxyTest {
  private static TestCertificates.Authority ca;
  private static TestCertificates.Identity localhost;

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.down();
  private FakeOptimoveServer server;
  private TestProxy proxy;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCertificates.authority("Proxy Test CA");
    localhost = ca.issue("dns:localhost", "ip:127.0.0.1");
  }

  @AfterEach
  void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  private ClientStats sendOne(OptimoveConfig config) {
    OptimoveClient client = endpoint.client(config);
    assertThat(client.send(event(1))).isTrue();
    return flushed(client);
  }

  @Test
  void plainHttpGoesThroughTheProxySelector() throws Exception {
    server = endpoint.start();
    proxy = TestProxy.start();

    ClientStats stats = sendOne(DeliveryFixture.config(server).proxy(proxy.selector()).build());

    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(proxy.forwarded()).isEqualTo(1);
    assertThat(proxy.requestLines()).allMatch(l -> l.startsWith("POST http://127.0.0.1:"));
    assertThat(server.acceptedCount()).isEqualTo(1);
  }

  @Test
  void httpsGoesThroughACONNECTTunnel() throws Exception {
    server = endpoint.start(b -> b.https(localhost.serverContext()));
    proxy = TestProxy.start();

    ClientStats stats =
        sendOne(
            DeliveryFixture.config(server)
                .sslContext(ca.clientContext())
                .proxy(proxy.selector())
                .build());

    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(proxy.tunnels()).isEqualTo(1);
    assertThat(proxy.requestLines())
        .containsExactly("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1");
    assertThat(server.acceptedCount()).isEqualTo(1);
  }

  @Test
  void theEnvironmentNamesTheProxy() throws Exception {
    server = endpoint.start();
    proxy = TestProxy.start();
    OptimoveConfig fromEnv =
        OptimoveConfig.fromEnvironment(
            Map.of(
                "OPTIMOVE_ENDPOINT", server.endpoint().toString(),
                "OPTIMOVE_TENANT", String.valueOf(TENANT),
                "OPTIMOVE_PROXY", proxy.url().toString()));

    ClientStats stats =
        sendOne(DeliveryFixture.config(server).proxy(fromEnv.proxy().orElseThrow()).build());

    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(proxy.forwarded()).isEqualTo(1);
  }

  @Test
  void aProxyThatAsksForCredentialsGetsThem() throws Exception {
    server = endpoint.start();
    proxy = TestProxy.requiringBasic("alice", "pr0xy-pa55");

    ClientStats stats =
        sendOne(
            DeliveryFixture.config(server)
                .proxy(proxy.selector())
                .proxyUser("alice")
                .proxyPassword("pr0xy-pa55")
                .build());

    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(proxy.refused()).isEqualTo(1); // the JDK answers the challenge, then goes through
    assertThat(proxy.forwarded()).isEqualTo(1);
  }

  @Test
  void withoutCredentialsAProxysRefusalIsRejectedNotRetried() throws Exception {
    server = endpoint.start();
    proxy = TestProxy.requiringBasic("alice", "pr0xy-pa55");

    ClientStats stats = sendOne(DeliveryFixture.config(server).proxy(proxy.selector()).build());

    assertThat(stats.rejected("http_407")).isEqualTo(1);
    assertThat(stats.retries()).isZero();
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void theJdksProxyPropertiesAreHonouredWhenNoProxyIsSet() throws Exception {
    server = endpoint.start();
    proxy = TestProxy.start();
    Map<String, String> saved = new java.util.HashMap<>();
    for (String key : new String[] {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"}) {
      saved.put(key, System.getProperty(key));
    }
    try {
      System.setProperty("http.proxyHost", "127.0.0.1");
      System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
      // The JDK always skips localhost and 127.* unless the list is set empty.
      System.setProperty("http.nonProxyHosts", "");

      ClientStats stats = sendOne(DeliveryFixture.config(server).build());

      assertThat(stats.delivered()).isEqualTo(1);
      assertThat(proxy.forwarded()).isEqualTo(1);
    } finally {
      saved.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }

  /**
   * The JDK refuses Basic authentication on {@code CONNECT} tunnels unless the JVM starts with
   * {@code -Djdk.http.auth.tunneling.disabledSchemes=} (read once, when its HTTP client loads).
   * Without it, HTTPS through a proxy that demands Basic fails, and the event says why; the build
   * runs this test a second time in a JVM started with the property (see the POM), where it goes
   * through.
   */
  @Test
  void httpsThroughAProxyThatDemandsBasicNeedsTheJdkToAllowBasicOnTunnels() throws Exception {
    server = endpoint.start(b -> b.https(localhost.serverContext()));
    proxy = TestProxy.requiringBasic("alice", "pr0xy-pa55");

    List<String> rejections = new CopyOnWriteArrayList<>();
    ClientStats stats =
        sendOne(
            DeliveryFixture.config(server)
                .sslContext(ca.clientContext())
                .proxy(proxy.selector())
                .proxyUser("alice")
                .proxyPassword("pr0xy-pa55")
                .deliveryListener(
                    new DeliveryListener() {
                      @Override
                      public void onRejected(Event event, String reason, String message) {
                        rejections.add(message);
                      }
                    })
                .build());

    if ("".equals(System.getProperty("jdk.http.auth.tunneling.disabledSchemes"))) {
      assertThat(stats.delivered()).isEqualTo(1);
      assertThat(proxy.refused()).isEqualTo(1);
      assertThat(proxy.tunnels()).isEqualTo(1);
    } else {
      assertThat(stats.rejected("http_407")).isEqualTo(1);
      assertThat(stats.retries()).isZero();
      assertThat(proxy.tunnels()).isZero();
      assertThat(rejections)
          .singleElement()
          .asString()
          .contains("jdk.http.auth.tunneling.disabledSchemes");
    }
  }
}
