package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.TENANT;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.RecordedRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fixed headers, body signatures and a custom authenticator, against a fake that demands them. */
class RequestAuthenticationTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.down();
  private FakeOptimoveServer server;

  private ClientStats sendOne(OptimoveConfig config) {
    OptimoveClient client = endpoint.client(config);
    assertThat(client.send(event(1))).isTrue();
    return flushed(client);
  }

  private static String hmacHex(String key, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  @Test
  void nothingIsAddedByDefault() {
    server = endpoint.start();

    sendOne(DeliveryFixture.config(server).build());

    RecordedRequest request = server.requests().get(0);
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.header("X-Optimove-Signature-Content")).isNull();
  }

  @Test
  void aFixedHeaderIsSentWithEveryRequest() {
    server = endpoint.start(b -> b.requireHeader("Authorization", "Bearer t0ken-123"));

    ClientStats stats =
        sendOne(DeliveryFixture.config(server).header("Authorization", "Bearer t0ken-123").build());

    assertThat(stats.delivered()).isEqualTo(1);
  }

  @Test
  void aSignedBodyCarriesTheHexHmacOfItsExactBytes() throws Exception {
    server = endpoint.start(b -> b.requireSignature("k3y"));

    ClientStats stats = sendOne(DeliveryFixture.config(server).signingKey("k3y").build());

    assertThat(stats.delivered()).isEqualTo(1);
    RecordedRequest request = server.requests().get(0);
    assertThat(request.header("X-Optimove-Signature-Version")).isEqualTo("1");
    assertThat(request.header("X-Optimove-Signature-Content"))
        .isEqualTo(hmacHex("k3y", request.body()));
  }

  @Test
  void theSigningKeyCanComeFromTheEnvironment() {
    server = endpoint.start(b -> b.requireSignature("k3y"));
    OptimoveConfig config =
        OptimoveConfig.fromEnvironment(
            Map.of(
                "OPTIMOVE_ENDPOINT", server.endpoint().toString(),
                "OPTIMOVE_TENANT", String.valueOf(TENANT),
                "OPTIMOVE_SIGNING_KEY", "k3y"));

    assertThat(sendOne(config).delivered()).isEqualTo(1);
  }

  @Test
  void aWrongSignatureIsRejectedAsUnauthorizedAndNotRetried() {
    server = endpoint.start(b -> b.requireSignature("k3y"));

    ClientStats stats =
        sendOne(DeliveryFixture.config(server).signingKey("not-the-key").maxAttempts(6).build());

    assertThat(stats.rejected(Reasons.UNAUTHORIZED)).isEqualTo(1);
    assertThat(stats.retries()).isZero();
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(server.requests().get(0).answeredStatus()).isEqualTo(403);
  }

  @Test
  void aMissingHeaderIsRejectedAsUnauthorizedAndNotRetried() {
    server = endpoint.start(b -> b.requireHeader("Authorization", "Bearer t0ken-123"));

    ClientStats stats = sendOne(DeliveryFixture.config(server).build());

    assertThat(stats.rejected(Reasons.UNAUTHORIZED)).isEqualTo(1);
    assertThat(stats.retries()).isZero();
    assertThat(server.requests().get(0).answeredStatus()).isEqualTo(401);
  }

  @Test
  void anAuthenticatorSeesTheBodyAndAddsHeadersAfterTheBuiltInOnes() {
    AtomicReference<String> seenBody = new AtomicReference<>();
    RequestAuthenticator authenticator =
        request -> {
          ByteBuffer body = request.body();
          byte[] bytes = new byte[body.remaining()];
          body.get(bytes);
          seenBody.set(new String(bytes, StandardCharsets.UTF_8));
          request.header("X-Body-Length", String.valueOf(bytes.length));
        };
    server = endpoint.start();

    ClientStats stats =
        sendOne(
            DeliveryFixture.config(server)
                .header("X-Fixed", "1")
                .signingKey("k3y")
                .requestAuthenticator(authenticator)
                .build());

    assertThat(stats.delivered()).isEqualTo(1);
    RecordedRequest request = server.requests().get(0);
    assertThat(seenBody.get()).isEqualTo(request.body());
    assertThat(request.header("X-Body-Length"))
        .isEqualTo(String.valueOf(request.body().getBytes(StandardCharsets.UTF_8).length));
    assertThat(request.header("X-Fixed")).isEqualTo("1");
    assertThat(request.header("X-Optimove-Signature-Version")).isEqualTo("1");
  }

  @Test
  void anAuthenticatorThatThrowsDropsTheEventAsSendFailed() {
    server = endpoint.start();

    ClientStats stats =
        sendOne(
            DeliveryFixture.config(server)
                .requestAuthenticator(
                    request -> {
                      throw new IllegalStateException("no token yet");
                    })
                .build());

    assertThat(stats.dropped(Reasons.SEND_FAILED)).isEqualTo(1);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void headersTheClientSetsItselfAreRefusedNamingTheSetting() {
    assertThatThrownBy(
            () ->
                OptimoveConfig.builder()
                    .endpoint("https://events.example.com/v1")
                    .tenant(TENANT)
                    .header("Content-Type", "text/plain")
                    .build())
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining("headers")
        .hasMessageContaining("Content-Type");
    assertThatThrownBy(
            () ->
                OptimoveConfig.builder()
                    .endpoint("https://events.example.com/v1")
                    .tenant(TENANT)
                    .header("Authorization", "Bearer abc\r\nX-Injected: 1")
                    .build())
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining("Authorization")
        .hasMessageNotContaining("Bearer abc");
  }
}
