package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.TENANT;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events over HTTPS, against a fake with a certificate made for the test. */
class TlsTest {
  private static TestCertificates.Authority ca;
  private static TestCertificates.Identity localhost;
  private static TestCertificates.Identity otherHost;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCertificates.authority("TLS Test CA");
    localhost = ca.issue("dns:localhost", "ip:127.0.0.1");
    otherHost = ca.issue("dns:events.example.com");
  }

  private static FakeOptimoveServer https(TestCertificates.Identity identity) {
    return FakeOptimoveServer.builder()
        .expectedTenant(TENANT)
        .https(identity.serverContext())
        .start();
  }

  private static ClientStats sendOne(OptimoveConfig config) {
    try (OptimoveClient client = OptimoveClient.create(config)) {
      assertThat(client.send(event(1))).isTrue();
      return flushed(client);
    }
  }

  private static Map<String, String> env(FakeOptimoveServer server) {
    Map<String, String> env = new HashMap<>();
    env.put("OPTIMOVE_ENDPOINT", server.endpoint().toString());
    env.put("OPTIMOVE_TENANT", String.valueOf(TENANT));
    return env;
  }

  @Test
  void aCertificateFromTheTrustedAuthorityWorks() {
    try (FakeOptimoveServer server = https(localhost)) {
      ClientStats stats =
          sendOne(DeliveryFixture.config(server).sslContext(ca.clientContext()).build());

      assertThat(stats.delivered()).isEqualTo(1);
      assertThat(server.acceptedCount()).isEqualTo(1);
    }
  }

  @Test
  void theEnvironmentCanPointAtAPkcs12TrustStore() {
    try (FakeOptimoveServer server = https(localhost)) {
      Map<String, String> env = env(server);
      env.put("OPTIMOVE_TRUST_STORE", ca.writeTrustStore().toString());
      env.put("OPTIMOVE_TRUST_STORE_PASSWORD", TestCertificates.PASSWORD);

      ClientStats stats = sendOne(OptimoveConfig.fromEnvironment(env));

      assertThat(stats.delivered()).isEqualTo(1);
    }
  }

  @Test
  void theEnvironmentCanPointAtPemCertificates() {
    try (FakeOptimoveServer server = https(localhost)) {
      Map<String, String> env = env(server);
      env.put("OPTIMOVE_TRUST_STORE", ca.writePem().toString());

      ClientStats stats = sendOne(OptimoveConfig.fromEnvironment(env));

      assertThat(stats.delivered()).isEqualTo(1);
    }
  }

  @Test
  void anUntrustedCertificateIsDroppedWithItsReasonAndNotRetried() {
    try (FakeOptimoveServer server = https(localhost)) {
      // The JDK's default trust: the test authority is not in it.
      ClientStats stats = sendOne(DeliveryFixture.config(server).maxAttempts(6).build());

      assertThat(stats.dropped(Reasons.CERTIFICATE_REJECTED)).isEqualTo(1);
      assertThat(stats.retries()).isZero();
      assertThat(server.requestCount()).isZero();
    }
  }

  @Test
  void aCertificateForAnotherHostIsDroppedWithItsReason() {
    try (FakeOptimoveServer server = https(otherHost)) {
      ClientStats stats =
          sendOne(DeliveryFixture.config(server).sslContext(ca.clientContext()).build());

      assertThat(stats.dropped(Reasons.CERTIFICATE_REJECTED)).isEqualTo(1);
      assertThat(stats.retries()).isZero();
      assertThat(server.requestCount()).isZero();
    }
  }

  @Test
  void aSelfSignedCertificateIsRefusedUnlessTrusted() {
    TestCertificates.Identity selfSigned = TestCertificates.selfSigned("ip:127.0.0.1");
    try (FakeOptimoveServer server = https(selfSigned)) {
      assertThat(
              sendOne(DeliveryFixture.config(server).sslContext(ca.clientContext()).build())
                  .dropped(Reasons.CERTIFICATE_REJECTED))
          .isEqualTo(1);
      assertThat(
              sendOne(DeliveryFixture.config(server).sslContext(selfSigned.clientContext()).build())
                  .delivered())
          .isEqualTo(1);
    }
  }

  @Test
  void aTrustStoreThatCannotBeReadFailsAtStartNamingTheSettingNotThePassword(@TempDir Path dir)
      throws Exception {
    Path store = ca.writeTrustStore();
    assertThatThrownBy(
            () ->
                OptimoveConfig.builder()
                    .endpoint("https://events.example.com/v1")
                    .tenant(TENANT)
                    .trustStore(store)
                    .trustStorePassword("wr0ng-pa55word")
                    .build())
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining("trustStore (OPTIMOVE_TRUST_STORE)")
        .hasMessageNotContaining("wr0ng-pa55word");

    Path notAStore = Files.writeString(dir.resolve("store.p12"), "not a key store");
    assertThatThrownBy(
            () ->
                OptimoveConfig.builder()
                    .endpoint("https://events.example.com/v1")
                    .tenant(TENANT)
                    .trustStore(notAStore)
                    .build())
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining("trustStore (OPTIMOVE_TRUST_STORE)");
  }

  @Test
  void anSslContextAndATrustStoreAreNotBothAllowed() {
    assertThatThrownBy(
            () ->
                OptimoveConfig.builder()
                    .endpoint("https://events.example.com/v1")
                    .tenant(TENANT)
                    .sslContext(ca.clientContext())
                    .trustStore(ca.writePem())
                    .build())
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining("sslContext")
        .hasMessageContaining("trustStore");
  }
}
