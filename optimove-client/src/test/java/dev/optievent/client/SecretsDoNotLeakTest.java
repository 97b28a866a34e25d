package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.TENANT;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A run with every secret set: everything the client logs (slf4j-simple writes to {@code
 * System.err}, captured here; the POM runs this test a second time with every logger at DEBUG),
 * throws, tells its listener, shows in {@code toString} and in {@code stats()} is scanned, and
 * holds none of the secrets.
 */
class SecretsDoNotLeakTest {
  private static final String SIGNING_KEY = "sig-S3CRET-a1b2c3";
  private static final String TOKEN = "tok-S3CRET-d4e5f6";
  private static final String PROXY_USER = "usr-S3CRET-a7b8";
  private static final String PROXY_PASSWORD = "pwd-S3CRET-c9d0";
  private static final String TRUST_STORE_PASSWORD = "tsp-S3CRET-e1f2";
  private static final String ENDPOINT_PASSWORD = "ep-S3CRET-a3b4";
  private static final String ENDPOINT_TOKEN = "q-S3CRET-c5d6";
  private static final List<String> SECRETS =
      List.of(
          SIGNING_KEY,
          TOKEN,
          PROXY_USER,
          PROXY_PASSWORD,
          TRUST_STORE_PASSWORD,
          ENDPOINT_PASSWORD,
          ENDPOINT_TOKEN);

  private final List<String> seen = new CopyOnWriteArrayList<>();

  @Test
  void noSecretAppearsInLogsExceptionsListenerMessagesToStringOrStats() throws Exception {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(new Tee(logged, originalErr), true, StandardCharsets.UTF_8));
    try {
      runWithEverySecretSet();
      badSettingsThatHoldSecrets();
    } finally {
      System.setErr(originalErr);
    }
    seen.add(logged.toString(StandardCharsets.UTF_8));

    assertThat(String.join("\n", seen))
        .as("the run logged its refusals") // so that the scan below scanned something
        .contains("unauthorized", "certificate_rejected");
    if ("debug".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"))) {
      // The POM runs this test a second time with every logger at DEBUG.
      assertThat(logged.toString(StandardCharsets.UTF_8))
          .as("DEBUG lines scanned")
          .contains("DEBUG");
    }
    for (String secret : SECRETS) {
      assertThat(seen).as("what the client showed").noneMatch(text -> text.contains(secret));
    }
  }

  private void runWithEverySecretSet() throws Exception {
    DeliveryListener listener =
        new DeliveryListener() {
          @Override
          public void onRejected(Event event, String reason, String message) {
            seen.add(reason + ": " + message);
          }

          @Override
          public void onDropped(Event event, String reason) {
            seen.add(reason);
          }
        };
    try (FakeOptimoveServer server =
            FakeOptimoveServer.builder()
                .expectedTenant(TENANT)
                .requireSignature("the-server-expects-another-key")
                .start();
        TestProxy proxy = TestProxy.requiringBasic(PROXY_USER, PROXY_PASSWORD)) {
      String endpoint =
          "http://optimove:"
              + ENDPOINT_PASSWORD
              + "@127.0.0.1:"
              + server.port()
              + "/v1/events?token="
              + ENDPOINT_TOKEN;
      OptimoveConfig config =
          DeliveryFixture.config(server)
              .endpoint(endpoint)
              .signingKey(SIGNING_KEY)
              .header("Authorization", "Bearer " + TOKEN)
              .proxy(proxy.selector())
              .proxyUser(PROXY_USER)
              .proxyPassword(PROXY_PASSWORD)
              .deliveryListener(listener)
              .build();
      seen.add(config.toString());
      try (OptimoveClient client = OptimoveClient.create(config)) {
        seen.add(client.toString());
        client.send(event(1));
        ClientStats stats = flushed(client);
        seen.add(stats.toString());
        assertThat(stats.rejected(Reasons.UNAUTHORIZED)).isEqualTo(1);
      }
      assertThat(proxy.forwarded()).as("went through the proxy with its credentials").isEqualTo(1);
    }

    // A certificate refused over HTTPS, with the same secrets set.
    TestCertificates.Identity untrusted = TestCertificates.selfSigned("ip:127.0.0.1");
    try (FakeOptimoveServer https =
        FakeOptimoveServer.builder()
            .expectedTenant(TENANT)
            .https(untrusted.serverContext())
            .start()) {
      OptimoveConfig config =
          DeliveryFixture.config(https)
              .signingKey(SIGNING_KEY)
              .header("Authorization", "Bearer " + TOKEN)
              .proxyUser(PROXY_USER)
              .proxyPassword(PROXY_PASSWORD)
              .deliveryListener(listener)
              .build();
      try (OptimoveClient client = OptimoveClient.create(config)) {
        client.send(event(2));
        ClientStats stats = flushed(client);
        seen.add(stats.toString());
        assertThat(stats.dropped(Reasons.CERTIFICATE_REJECTED)).isEqualTo(1);
      }
    }
  }

  /** Settings refused at start-up: their messages are scanned too. */
  private void badSettingsThatHoldSecrets() {
    List<Runnable> attempts = new ArrayList<>();
    attempts.add(
        () ->
            OptimoveConfig.fromEnvironment(
                env(
                    "OPTIMOVE_PROXY",
                    "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@proxy:3128")));
    attempts.add(
        () -> OptimoveConfig.fromEnvironment(env("OPTIMOVE_PROXY", "ftp://x:" + PROXY_PASSWORD)));
    attempts.add(
        () ->
            OptimoveConfig.builder()
                .endpoint("https://events.example.com/v1")
                .tenant(TENANT)
                .header("Authorization", "Bearer " + TOKEN + "\r\n")
                .build());
    attempts.add(
        () ->
            OptimoveConfig.builder()
                .endpoint("https://events.example.com/v1")
                .tenant(TENANT)
                .trustStore(TestCertificates.authority("Secrets CA").writeTrustStore())
                .trustStorePassword(TRUST_STORE_PASSWORD)
                .build());
    attempts.add(
        () ->
            OptimoveConfig.builder()
                .endpoint("https://events.example.com/v1")
                .tenant(TENANT)
                .proxyPassword(PROXY_PASSWORD)
                .build());
    attempts.add(
        () ->
            OptimoveConfig.builder()
                .endpoint(
                    "ftp://optimove:"
                        + ENDPOINT_PASSWORD
                        + "@events.example.com/?t="
                        + ENDPOINT_TOKEN)
                .tenant(TENANT)
                .build());
    for (Runnable attempt : attempts) {
      try {
        attempt.run();
        seen.add("no exception");
      } catch (OptimoveConfigException e) {
        seen.add(e.toString());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
          seen.add(c.toString());
        }
      }
    }
    assertThat(seen).doesNotContain("no exception");
  }

  private static Map<String, String> env(String name, String value) {
    Map<String, String> env = new HashMap<>();
    env.put("OPTIMOVE_ENDPOINT", "https://events.example.com/v1");
    env.put("OPTIMOVE_TENANT", String.valueOf(TENANT));
    env.put(name, value);
    return env;
  }

  /** Writes to both streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) {
      try {
        a.write(c);
        b.write(c);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
      try {
        a.write(buf, off, len);
        b.write(buf, off, len);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
