package dev.optievent.client.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The decision table on its own (the end-to-end tests run each case over real HTTP). */
class ResponseClassifierTest {

  private static Verdict answer(int status, String body, String... headers) {
    Map<String, List<String>> map = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], List.of(headers[i + 1]));
    }
    return ResponseClassifier.classify(
        new Answer(status, body, HttpHeaders.of(map, (a, b) -> true)), null);
  }

  @Test
  void successWithAMessageIdIsDelivered() {
    Verdict v = answer(200, "{\"status\":\"success\",\"message\":\"1147206418897270\"}");
    assertThat(v.kind()).isEqualTo(Verdict.Kind.DELIVERED);
    assertThat(v.messageId()).isEqualTo("1147206418897270");
    assertThat(v.unreadableSuccess()).isFalse();
  }

  @Test
  void aNumericMessageIdIsKeptAsText() {
    assertThat(answer(200, "{\"message\":1147206418897270,\"status\":\"success\"}").messageId())
        .isEqualTo("1147206418897270");
  }

  @Test
  void anUnreadableSuccessIsStillDelivered() {
    for (String body :
        new String[] {"", "not json", "[1,2]", "{\"status\":\"ok\"}", "{\"status\":"}) {
      Verdict v = answer(202, body);
      assertThat(v.kind()).as(body).isEqualTo(Verdict.Kind.DELIVERED);
      assertThat(v.unreadableSuccess()).as(body).isTrue();
    }
  }

  @Test
  void anErrorAnswerIsRejectedAtAnyNonRetryableStatus() {
    String body =
        "{\"status\":\"error\",\"message\":\"Failed to validate the event with the"
            + " following error - tenantId is missing or invalid\"}";
    for (int status : new int[] {200, 400, 422, 501}) {
      Verdict v = answer(status, body);
      assertThat(v.kind()).isEqualTo(Verdict.Kind.REJECTED);
      assertThat(v.reason()).isEqualTo("server_error");
      assertThat(v.message()).endsWith("tenantId is missing or invalid");
    }
  }

  @Test
  void transientStatusesAreRetriedWhateverTheBody() {
    Verdict v = answer(503, "{\"status\":\"error\",\"message\":\"HTTP 503\"}", "Retry-After", "7");
    assertThat(v.kind()).isEqualTo(Verdict.Kind.RETRY);
    assertThat(v.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(v.pauseAll()).isFalse();
    assertThat(answer(429, "").pauseAll()).isTrue();
    assertThat(answer(408, "").kind()).isEqualTo(Verdict.Kind.RETRY);
  }

  @Test
  void otherStatusesAreRejectedWithTheirCodeAndBody() {
    Verdict v = answer(404, "Not here");
    assertThat(v.kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(v.reason()).isEqualTo("http_404");
    assertThat(v.message()).isEqualTo("Not here");
    assertThat(answer(505, "").reason()).isEqualTo("http_505");
    assertThat(answer(301, "").reason()).isEqualTo("http_301");
    assertThat(answer(404, "").message()).isEqualTo("HTTP 404");
  }

  @Test
  void refusedAuthenticationIsRejectedAsUnauthorizedWhateverTheBody() {
    Verdict v = answer(401, "{\"status\":\"error\",\"message\":\"Missing signature headers\"}");
    assertThat(v.kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(v.reason()).isEqualTo("unauthorized");
    assertThat(v.message()).contains("HTTP 401", "signingKey", "Missing signature headers");
    assertThat(answer(403, "Forbidden").reason()).isEqualTo("unauthorized");
  }

  @Test
  void aCertificateRefusedInTheHandshakeIsNotRetried() {
    javax.net.ssl.SSLHandshakeException untrusted =
        new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(new java.security.cert.CertificateException("unable to find a path"));
    Verdict v = ResponseClassifier.classify(null, untrusted);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.FAILED);
    assertThat(v.reason()).isEqualTo("certificate_rejected");
    assertThat(v.message()).contains("trustStore", "PKIX path building failed");

    Verdict cut =
        ResponseClassifier.classify(
            null, new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake"));
    assertThat(cut.kind()).isEqualTo(Verdict.Kind.RETRY);
  }

  @Test
  void networkFailuresAreRetriedAndOtherFailuresAreNot() {
    assertThat(ResponseClassifier.classify(null, new ConnectException("refused")).kind())
        .isEqualTo(Verdict.Kind.RETRY);
    assertThat(
            ResponseClassifier.classify(
                    null, new CompletionException(new HttpTimeoutException("request timed out")))
                .reason())
        .isEqualTo("timeout");
    assertThat(ResponseClassifier.classify(null, new IOException("reset")).kind())
        .isEqualTo(Verdict.Kind.RETRY);
    assertThat(ResponseClassifier.classify(null, new IllegalArgumentException("bad")).kind())
        .isEqualTo(Verdict.Kind.FAILED);
  }

  @Test
  void aBodyCutAtTheCapIsClassifiedByItsPrefix() {
    HttpHeaders none = HttpHeaders.of(Map.of(), (a, b) -> true);
    byte[] success =
        "{\"status\":\"success\",\"message\":\"123\",\"padding\":\"xxxx"
            .getBytes(StandardCharsets.UTF_8);
    byte[] error =
        "{\"status\":\"error\",\"message\":\"bad\",\"pad".getBytes(StandardCharsets.UTF_8);

    assertThat(ResponseClassifier.classify(200, none, success, true).messageId()).isEqualTo("123");
    Verdict rejected = ResponseClassifier.classify(200, none, error, true);
    assertThat(rejected.kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(rejected.message()).isEqualTo("bad");
    // Not cut by us: a body that ends early is not the vendor's answer.
    assertThat(ResponseClassifier.classify(200, none, success, false).unreadableSuccess()).isTrue();
  }

  @Test
  void capsEveryTextTakenFromTheServer() {
    String longText = "y".repeat(50_000);
    Verdict rejected = answer(200, "{\"status\":\"error\",\"message\":\"" + longText + "\"}");
    Verdict delivered = answer(200, "{\"status\":\"success\",\"message\":\"" + longText + "\"}");
    Verdict refused = answer(400, longText);

    assertThat(rejected.message()).hasSize(ResponseClassifier.MAX_MESSAGE + 3).endsWith("...");
    assertThat(delivered.messageId()).hasSize(ResponseClassifier.MAX_MESSAGE + 3);
    assertThat(refused.message()).hasSize(ResponseClassifier.MAX_MESSAGE + 3);
    assertThat(ResponseClassifier.classify(null, new IOException(longText)).message())
        .hasSize("java.io.IOException: ".length() + ResponseClassifier.MAX_MESSAGE + 3);
  }

  @Test
  void theRetryableStatusesAreExactlyThese() {
    assertThat(ResponseClassifier.isRetryable(408)).isTrue();
    assertThat(ResponseClassifier.isRetryable(429)).isTrue();
    assertThat(ResponseClassifier.isRetryable(500)).isTrue();
    assertThat(ResponseClassifier.isRetryable(501)).isFalse();
    assertThat(ResponseClassifier.isRetryable(505)).isFalse();
    assertThat(ResponseClassifier.isRetryable(400)).isFalse();
    assertThat(ResponseClassifier.isRetryable(409)).isFalse();
  }

  /** A plain response value: not a mock, just data for the classifier. */
  private record Answer(int statusCode, String text, HttpHeaders headers)
      implements HttpResponse<byte[]> {
    @Override
    public byte[] body() {
      return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public HttpRequest request() {
      return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return URI.create("http://127.0.0.1/");
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
