package dev.optievent.client.internal.retry;

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
import java.util.concurrent.ExecutionException;
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

  @Test
  void unwrapsExecutionAndCompletionExceptionsToTheirCause() {
    Verdict timeout =
        ResponseClassifier.classify(
            null,
            new ExecutionException(
                new CompletionException(new HttpTimeoutException("request timed out"))));
    Verdict refused =
        ResponseClassifier.classify(null, new ExecutionException(new ConnectException("refused")));
    Verdict broken =
        ResponseClassifier.classify(
            null, new ExecutionException(new IllegalStateException("no more threads")));

    assertThat(timeout.kind()).isEqualTo(Verdict.Kind.RETRY);
    assertThat(timeout.reason()).isEqualTo(ResponseClassifier.TIMEOUT);
    assertThat(timeout.message())
        .isEqualTo("java.net.http.HttpTimeoutException: request timed out");
    assertThat(refused.kind()).isEqualTo(Verdict.Kind.RETRY);
    assertThat(refused.reason()).isEqualTo("io_error");
    assertThat(refused.message()).isEqualTo("java.net.ConnectException: refused");
    assertThat(broken.kind()).isEqualTo(Verdict.Kind.FAILED);
    assertThat(broken.reason()).isEqualTo("send_failed");
    assertThat(broken.message()).isEqualTo("java.lang.IllegalStateException: no more threads");
    // A wrapper without a cause is what failed.
    assertThat(ResponseClassifier.unwrap(new ExecutionException(null)))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void describesAFailureByItsClassWhenItSaysNothing() {
    assertThat(ResponseClassifier.describe(null)).isEqualTo("unknown failure");
    assertThat(ResponseClassifier.describe(new IOException())).isEqualTo("java.io.IOException");
    assertThat(ResponseClassifier.describe(new IOException("  "))).isEqualTo("java.io.IOException");
    assertThat(
            ResponseClassifier.describe(
                new IOException() {
                  @Override
                  public String getMessage() {
                    throw new IllegalStateException("cannot say");
                  }
                }))
        .startsWith("dev.optievent.client.internal.retry.ResponseClassifierTest$");
  }

  @Test
  void cutsServerTextAtExactly1000Characters() {
    String exactly = "x".repeat(ResponseClassifier.MAX_MESSAGE);

    assertThat(ResponseClassifier.cut(exactly)).isSameAs(exactly);
    assertThat(ResponseClassifier.cut(exactly + "y")).isEqualTo(exactly + "...");
    assertThat(answer(400, exactly).message()).isEqualTo(exactly);
    assertThat(answer(400, exactly + "y").message()).isEqualTo(exactly + "...");
    assertThat(answer(200, "{\"status\":\"error\",\"message\":\"" + exactly + "\"}").message())
        .isEqualTo(exactly);
  }

  @Test
  void neverCutsACharacterOutsideTheBasicPlaneInHalf() {
    String emoji = "\uD83D\uDE00"; // one character, two chars
    String text = "x".repeat(ResponseClassifier.MAX_MESSAGE - 1) + emoji + "tail";

    assertThat(ResponseClassifier.cut(text))
        .isEqualTo("x".repeat(ResponseClassifier.MAX_MESSAGE - 1) + "...");
  }

  @Test
  void aRedirectIsRejectedWithItsCodeNotFollowedOrRetried() {
    for (int status : new int[] {300, 301, 302, 303, 304, 307, 308}) {
      Verdict v = answer(status, "", "Location", "http://elsewhere.example/");
      assertThat(v.kind()).as("HTTP %d", status).isEqualTo(Verdict.Kind.REJECTED);
      assertThat(v.reason()).isEqualTo("http_" + status);
      assertThat(v.message()).isEqualTo("HTTP " + status);
    }
  }

  @Test
  void theEdgesOfTheSuccessRangeAndOfTheRetryableRange() {
    assertThat(answer(200, "").kind()).isEqualTo(Verdict.Kind.DELIVERED);
    assertThat(answer(299, "").kind()).isEqualTo(Verdict.Kind.DELIVERED);
    assertThat(answer(199, "").kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(answer(300, "").kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(ResponseClassifier.isRetryable(499)).isFalse();
    assertThat(ResponseClassifier.isRetryable(599)).isTrue();
    assertThat(ResponseClassifier.isRetryable(600)).isFalse();
    assertThat(ResponseClassifier.isRetryable(407)).isFalse();
    assertThat(answer(503, "").status()).isEqualTo(503);
    assertThat(answer(503, "").reason()).isEqualTo("http_503");
    assertThat(answer(503, "").message()).isEqualTo("HTTP 503");
    assertThat(answer(503, "").retryAfter()).isNull();
  }

  @Test
  void aBlankBodyIsDescribedByItsStatus() {
    assertThat(answer(418, " \n\t ").message()).isEqualTo("HTTP 418");
    assertThat(answer(418, "  teapot \n").message()).isEqualTo("teapot");
  }

  @Test
  void anErrorWithoutAMessageIsRejectedWithTheBody() {
    String body = "{\"status\":\"ERROR\",\"message\":null}";

    Verdict v = answer(200, body);

    assertThat(v.kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(v.reason()).isEqualTo("server_error");
    assertThat(v.message()).isEqualTo(body);
  }

  @Test
  void aSuccessIsReadWhateverTheOrderAndNestingOfItsFields() {
    Verdict v =
        answer(
            200,
            "{\"data\":{\"status\":\"error\"},\"list\":[1,{\"message\":\"x\"}],"
                + "\"message\":\"42\",\"status\":\"Success\"}");

    assertThat(v.kind()).isEqualTo(Verdict.Kind.DELIVERED);
    assertThat(v.messageId()).isEqualTo("42");
    assertThat(v.unreadableSuccess()).isFalse();
  }

  @Test
  void aSuccessWithoutAMessageHasNoMessageId() {
    Verdict v = answer(200, "{\"status\":\"success\"}");

    assertThat(v.kind()).isEqualTo(Verdict.Kind.DELIVERED);
    assertThat(v.messageId()).isNull();
  }

  @Test
  void aCutBodyWithoutAStatusIsNotAnAnswer() {
    HttpHeaders none = HttpHeaders.of(Map.of(), (a, b) -> true);
    byte[] prefix = "{\"message\":\"bad\",\"pad".getBytes(StandardCharsets.UTF_8);

    Verdict v = ResponseClassifier.classify(400, none, prefix, true);

    assertThat(v.reason()).isEqualTo("http_400");
    assertThat(ResponseClassifier.classify(200, none, null, false).kind())
        .isEqualTo(Verdict.Kind.DELIVERED);
  }

  @Test
  void aCutBodyThatBreaksOffInvalidKeepsWhatItReadBeforeAndAWholeOneDoesNot() {
    HttpHeaders none = HttpHeaders.of(Map.of(), (a, b) -> true);
    byte[] broken = "{\"status\":\"error\",\"message\":\"bad\", x".getBytes(StandardCharsets.UTF_8);
    byte[] brokenBeforeStatus = "{\"message\":\"bad\", x".getBytes(StandardCharsets.UTF_8);

    Verdict cut = ResponseClassifier.classify(200, none, broken, true);
    assertThat(cut.kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(cut.message()).isEqualTo("bad");
    assertThat(ResponseClassifier.classify(200, none, broken, false).unreadableSuccess()).isTrue();
    assertThat(ResponseClassifier.classify(200, none, brokenBeforeStatus, true).unreadableSuccess())
        .isTrue();
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
