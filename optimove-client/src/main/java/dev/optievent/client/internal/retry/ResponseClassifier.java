package dev.optievent.client.internal.retry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.optievent.client.Reasons;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Decides what an answer means, in this order:
 *
 * <ol>
 *   <li>no answer: a TLS handshake that failed on the server's certificate (not trusted, or not for
 *       this host) drops the event as {@code certificate_rejected}; another {@link IOException}
 *       (refused, reset, cut, timed out) is retried; anything else fails the event;
 *   <li>408, 429 and 5xx except 501 and 505 are retried, whatever the body ({@code Retry-After} is
 *       read; a 429 pauses every send);
 *   <li>401 and 403 reject the event as {@code unauthorized}, whatever the body; 407 (from a proxy)
 *       as {@code http_407}, saying which settings it needs;
 *   <li>a JSON body with {@code "status":"error"} rejects the event as {@code server_error} with
 *       the server's message, at any other status;
 *   <li>2xx delivers the event: the message id is read from {@code "status":"success"}; a body that
 *       cannot be read still counts as delivered (with a {@code null} message id);
 *   <li>any other status rejects the event as {@code http_<code>} with the body as message.
 * </ol>
 *
 * A body cut at the reading cap is classified by its status and its prefix: a {@code status} (and
 * {@code message}) read before the cut still count. Every message and message id taken from the
 * server is cut to {@link #MAX_MESSAGE} characters. Thread-safe. Internal.
 */
public final class ResponseClassifier {

  /** Longest body text kept as a rejection message. */
  static final int MAX_MESSAGE = 1_000;

  /** The RETRY reason of an exchange whose deadline passed. */
  public static final String TIMEOUT = "timeout";

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
    return classify(response.statusCode(), response.headers(), response.body(), false);
  }

  /**
   * Classifies an answer.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the body, or its prefix if it was cut; may be {@code null}
   * @param truncated whether {@code body} is only a prefix
   * @return the verdict
   */
  public static Verdict classify(int status, HttpHeaders headers, byte[] body, boolean truncated) {
    if (body == null) {
      body = new byte[0];
    }
    if (isRetryable(status)) {
      Duration retryAfter =
          RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), Instant.now());
      return new Verdict(
          Verdict.Kind.RETRY,
          Reasons.http(status),
          "HTTP " + status,
          null,
          retryAfter,
          status == 429,
          status);
    }
    if (status == 401 || status == 403) {
      return new Verdict(
          Verdict.Kind.REJECTED,
          Reasons.UNAUTHORIZED,
          "HTTP "
              + status
              + " (the endpoint refused the request's authentication: check headers, signingKey"
              + " and requestAuthenticator): "
              + text(body, status),
          null,
          null,
          false,
          status);
    }
    if (status == 407) {
      return new Verdict(
          Verdict.Kind.REJECTED,
          Reasons.http(status),
          "HTTP 407: the proxy demands authentication: set proxyUser and proxyPassword; for HTTPS"
              + " through the proxy, also start the JVM with"
              + " -Djdk.http.auth.tunneling.disabledSchemes= (the JDK refuses Basic on tunnels by"
              + " default)",
          null,
          null,
          false,
          status);
    }
    Answer answer = Answer.read(body, truncated);
    if (answer != null && "error".equalsIgnoreCase(answer.status)) {
      String message = answer.message != null ? cut(answer.message) : text(body, status);
      return new Verdict(
          Verdict.Kind.REJECTED, Reasons.SERVER_ERROR, message, null, null, false, status);
    }
    if (status >= 200 && status < 300) {
      String id =
          answer != null && "success".equalsIgnoreCase(answer.status) && answer.message != null
              ? cut(answer.message)
              : null;
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
    if (isCertificateFailure(cause)) {
      return new Verdict(
          Verdict.Kind.FAILED,
          Reasons.CERTIFICATE_REJECTED,
          "TLS handshake failed on the endpoint's certificate (trust its authority with sslContext"
              + " or trustStore): "
              + describe(cause),
          null,
          null,
          false,
          0);
    }
    if (cause instanceof HttpTimeoutException) {
      return new Verdict(Verdict.Kind.RETRY, TIMEOUT, describe(cause), null, null, false, 0);
    }
    if (cause instanceof IOException) {
      return new Verdict(Verdict.Kind.RETRY, "io_error", describe(cause), null, null, false, 0);
    }
    return new Verdict(
        Verdict.Kind.FAILED, Reasons.SEND_FAILED, describe(cause), null, null, false, 0);
  }

  /**
   * A handshake that failed because the server's certificate was refused: not trusted, expired, or
   * not for this host. A retry would meet the same certificate. Other handshake failures (a cut
   * connection) stay retryable.
   */
  static boolean isCertificateFailure(Throwable t) {
    if (!(t instanceof SSLHandshakeException) && !(t instanceof SSLPeerUnverifiedException)) {
      return false;
    }
    if (t instanceof SSLPeerUnverifiedException) {
      return true;
    }
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** Class and message, the message cut to {@link #MAX_MESSAGE}; never throws. */
  public static String describe(Throwable t) {
    if (t == null) {
      return "unknown failure";
    }
    String m;
    try {
      m = t.getMessage();
    } catch (Throwable e) {
      m = null; // a throwable that cannot say what it is still has a class
    }
    return m == null || m.isBlank()
        ? t.getClass().getName()
        : t.getClass().getName() + ": " + cut(m);
  }

  private static String text(byte[] body, int status) {
    if (body.length == 0) {
      return "HTTP " + status;
    }
    String s =
        cut(
            new String(body, 0, Math.min(body.length, MAX_MESSAGE * 4), StandardCharsets.UTF_8)
                .strip());
    return s.isEmpty() ? "HTTP " + status : s;
  }

  /** Cuts server text to {@link #MAX_MESSAGE} characters (marked with "..."). */
  static String cut(String s) {
    if (s.length() <= MAX_MESSAGE) {
      return s;
    }
    int end = MAX_MESSAGE;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "...";
  }

  /** The top-level {@code status} and {@code message} of a JSON answer. */
  private static final class Answer {
    String status;
    String message;

    /**
     * @param truncated whether the body is a prefix: then what was read before the cut counts
     * @return the answer, or {@code null} if the body is not a JSON object (or its prefix has no
     *     {@code status})
     */
    static Answer read(byte[] body, boolean truncated) {
      if (body.length == 0) {
        return null;
      }
      Answer a = new Answer();
      try (JsonParser p = JSON.createParser(body)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
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
        return t == JsonToken.END_OBJECT || (truncated && t == null) ? a : null;
      } catch (IOException | RuntimeException e) {
        return truncated && a.status != null ? a : null;
      }
    }
  }
}
