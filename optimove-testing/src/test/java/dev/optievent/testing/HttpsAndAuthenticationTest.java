package dev.optievent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake serves HTTPS with a certificate made for the test, and can demand authentication. */
class HttpsAndAuthenticationTest {

  private static TestCertificates.Authority ca;
  private static TestCertificates.Identity server;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCertificates.authority("Fake Test CA");
    server = ca.issue("dns:localhost", "ip:127.0.0.1");
  }

  private static HttpClient trusting(javax.net.ssl.SSLContext context) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void servesHttpsToAClientThatTrustsTheAuthority() throws Exception {
    try (FakeOptimoveServer https =
        FakeOptimoveServer.builder().https(server.serverContext()).start()) {
      assertThat(https.endpoint().getScheme()).isEqualTo("https");

      HttpResponse<String> response =
          TestHttp.post(trusting(ca.clientContext()), https.endpoint(), Events.customerEvent());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(https.acceptedCount()).isEqualTo(1);
    }
  }

  @Test
  void aClientThatTrustsSomethingElseFailsTheHandshake() {
    TestCertificates.Identity other = TestCertificates.selfSigned("dns:localhost");
    try (FakeOptimoveServer https =
        FakeOptimoveServer.builder().https(server.serverContext()).start()) {
      assertThatThrownBy(
              () ->
                  TestHttp.post(
                      trusting(other.clientContext()), https.endpoint(), Events.customerEvent()))
          .isInstanceOf(SSLHandshakeException.class);
      assertThat(https.acceptedCount()).isZero();
    }
  }

  @Test
  void aRequiredHeaderIsDemandedAndChecked() throws Exception {
    try (FakeOptimoveServer fake =
        FakeOptimoveServer.builder().requireHeader("Authorization", "Bearer t0ken").start()) {
      assertThat(TestHttp.post(fake.endpoint(), Events.customerEvent()).statusCode())
          .isEqualTo(401);
      assertThat(
              post(fake.endpoint(), Events.customerEvent(), "Authorization", "Bearer other")
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              post(fake.endpoint(), Events.customerEvent(), "authorization", "Bearer t0ken")
                  .statusCode())
          .isEqualTo(200);
      assertThat(fake.acceptedCount()).isEqualTo(1);
      assertThat(fake.requests())
          .extracting(RecordedRequest::answeredStatus)
          .containsExactly(401, 403, 200);
    }
  }

  @Test
  void aRequiredSignatureIsTheHexHmacOfTheBody() throws Exception {
    String body = Events.customerEvent();
    String signature =
        RequiredAuthentication.hmacHex(
            "s3cret".getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
    try (FakeOptimoveServer fake =
        FakeOptimoveServer.builder().requireSignature("s3cret").start()) {
      assertThat(TestHttp.post(fake.endpoint(), body).statusCode()).isEqualTo(401);
      assertThat(signed(fake.endpoint(), body, "1", "00" + signature.substring(2)).statusCode())
          .isEqualTo(403);
      assertThat(signed(fake.endpoint(), body, "2", signature).statusCode()).isEqualTo(403);
      assertThat(signed(fake.endpoint(), body, "1", signature).statusCode()).isEqualTo(200);
      assertThat(fake.acceptedCount()).isEqualTo(1);
    }
  }

  @Test
  void theSignatureIsTheKnownHmacSha256() {
    // RFC 4231, test case 2.
    assertThat(
            RequiredAuthentication.hmacHex(
                "Jefe".getBytes(StandardCharsets.UTF_8),
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  private static HttpResponse<String> post(URI uri, String body, String name, String value)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header(name, value)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return TestHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> signed(URI uri, String body, String version, String hex)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header(RequiredAuthentication.SIGNATURE_VERSION, version)
            .header(RequiredAuthentication.SIGNATURE_CONTENT, hex)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return TestHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
