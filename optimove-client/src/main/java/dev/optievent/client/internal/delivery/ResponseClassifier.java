package dev.optievent.client.internal.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.optievent.client.Reasons;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Decides what an answer means, in this order:
 *
 * <ol>
 *   <li>no answer: an {@link IOException} (refused, reset, cut, timed out) is retried; anything
 *       else fails the event;
 *   <li>408, 429 and 5xx except 501 and 505 are retried, whatever the body ({@code Retry-After} is
 *       read; a 429 pauses every send);
 *   <li>a JSON body with {@code "status":"error"} rejects the event as {@code server_error} with
 *       the server's message, at any other status;
 *   <li>2xx delivers the event: the message id is read from {@code "status":"success"}; a body that
 *       cannot be read still counts as delivered (with a {@code null} message id);
 *   <li>any other status rejects the event as {@code http_<code>} with the body as message.
 * </ol>
 *
 * Thread-safe. Internal.
 */
final class ResponseClassifier {

  /** Longest body text kept as a rejection message. */
  static final int MAX_MESSAGE = 1_000;

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ResponseClassifier() {}

  /**
   * Classifies one attempt.
   *
   * @param response the response, or {@code null} if the request failed
   * @param failure why the request failed, or {@code null}
   * @return the verdict
   */
  public static Verdict classify(HttpResponse<byte[]> response, Throwable failure) {
    if (response == null) {
      return classifyFailure(failure);
    }
    int status = response.statusCode();
    byte[] body = response.body() == null ? new byte[0] : response.body();
    if (isRetryable(status)) {
      Duration retryAfter =
          RetryAfter.parse(
              response.headers().firstValue("Retry-After").orElse(null), Instant.now());
      return new Verdict(
          Verdict.Kind.RETRY,
          Reasons.http(status),
          "HTTP " + status,
          null,
          retryAfter,
          status == 429,
          status);
    }
    Answer answer = Answer.read(body);
    if (answer != null && "error".equalsIgnoreCase(answer.status)) {
      String message = answer.message != null ? answer.message : text(body, status);
      return new Verdict(
          Verdict.Kind.REJECTED, Reasons.SERVER_ERROR, message, null, null, false, status);
    }
    if (status >= 200 && status < 300) {
      String id =
          answer != null && "success".equalsIgnoreCase(answer.status) ? answer.message : null;
      return new Verdict(Verdict.Kind.DELIVERED, null, null, id, null, false, status);
    }
    return new Verdict(
        Verdict.Kind.REJECTED, Reasons.http(status), text(body, status), null, null, false, status);
  }

  /**
   * @param status an HTTP status
   * @return whether it calls for a retry: 408, 429, 5xx except 501 and 505
   */
  public static boolean isRetryable(int status) {
    return status == 408
        || status == 429
        || (status >= 500 && status <= 599 && status != 501 && status != 505);
  }

  private static Verdict classifyFailure(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof HttpTimeoutException) {
      return new Verdict(Verdict.Kind.RETRY, "timeout", describe(cause), null, null, false, 0);
    }
    if (cause instanceof IOException) {
      return new Verdict(Verdict.Kind.RETRY, "io_error", describe(cause), null, null, false, 0);
    }
    return new Verdict(
        Verdict.Kind.FAILED, Reasons.SEND_FAILED, describe(cause), null, null, false, 0);
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "unknown failure";
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getName() : t.getClass().getName() + ": " + m;
  }

  private static String text(byte[] body, int status) {
    if (body.length == 0) {
      return "HTTP " + status;
    }
    String s =
        new String(body, 0, Math.min(body.length, MAX_MESSAGE * 4), StandardCharsets.UTF_8).strip();
    if (s.length() > MAX_MESSAGE) {
      s = s.substring(0, MAX_MESSAGE) + "...";
    }
    return s.isEmpty() ? "HTTP " + status : s;
  }

  /** The top-level {@code status} and {@code message} of a JSON answer. */
  private static final class Answer {
    String status;
    String message;

    /**
     * @return the answer, or {@code null} if the body is not a JSON object
     */
    static Answer read(byte[] body) {
      if (body.length == 0) {
        return null;
      }
      try (JsonParser p = JSON.createParser(body)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        Answer a = new Answer();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            p.skipChildren();
          } else if (v != JsonToken.VALUE_NULL && "status".equals(name)) {
            a.status = p.getText();
          } else if (v != JsonToken.VALUE_NULL && "message".equals(name)) {
            a.message = p.getText();
          }
        }
        return t == JsonToken.END_OBJECT ? a : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
