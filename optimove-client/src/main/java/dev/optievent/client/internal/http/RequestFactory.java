package dev.optievent.client.internal.http;

import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.OutgoingRequest;
import dev.optievent.client.RequestAuthenticator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds each request a {@link Sender} sends: the POST of the body with its deadline and {@code
 * Content-Type}, then the configured authentication in this order: the fixed {@code headers}, the
 * body's signature ({@code signingKey}), the user's {@link RequestAuthenticator}. Called for every
 * attempt. Thread-safe.
 */
public final class RequestFactory {

  /** Names the signature scheme: version 1 is the hex HMAC-SHA256 of the body. */
  static final String SIGNATURE_VERSION = "X-Optimove-Signature-Version";

  /** The lower-case hex HMAC-SHA256 of the exact body bytes. */
  static final String SIGNATURE_CONTENT = "X-Optimove-Signature-Content";

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final URI endpoint;
  private final Duration timeout;
  private final String[] headers; // name, value, name, value...
  private final Mac signer; // a prototype, cloned per request; null: no signature
  private final RequestAuthenticator authenticator; // null: none

  /**
   * @param config the endpoint, timeout, fixed headers, signing key and authenticator to use
   */
  public RequestFactory(OptimoveConfig config) {
    this.endpoint = config.endpoint();
    this.timeout = config.requestTimeout();
    Map<String, String> fixed = config.headers();
    this.headers = new String[fixed.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> h : fixed.entrySet()) {
      headers[i++] = h.getKey();
      headers[i++] = h.getValue();
    }
    this.signer = config.signingKey().map(RequestFactory::hmac).orElse(null);
    this.authenticator = config.requestAuthenticator().orElse(null);
  }

  /**
   * The request for one attempt to send {@code body}.
   *
   * @param body the event's JSON
   * @return the request
   * @throws RuntimeException whatever the user's authenticator throws
   */
  public HttpRequest build(byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    if (signer != null) {
      b.header(SIGNATURE_VERSION, "1").header(SIGNATURE_CONTENT, sign(body));
    }
    if (authenticator != null) {
      authenticator.authenticate(new Outgoing(endpoint, b, body));
    }
    return b.build();
  }

  /** The lower-case hex HMAC-SHA256 of {@code body}. */
  String sign(byte[] body) {
    Mac mac;
    try {
      mac = (Mac) signer.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
    }
    return hex(mac.doFinal(body));
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[i * 2] = HEX[(bytes[i] >> 4) & 0xf];
      out[i * 2 + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  private static Mac hmac(String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** What a {@link RequestAuthenticator} sees of one request. */
  private static final class Outgoing implements OutgoingRequest {
    private final URI uri;
    private final HttpRequest.Builder builder;
    private final byte[] body;

    Outgoing(URI uri, HttpRequest.Builder builder, byte[] body) {
      this.uri = uri;
      this.builder = builder;
      this.body = body;
    }

    @Override
    public URI uri() {
      return uri;
    }

    @Override
    public String method() {
      return "POST";
    }

    @Override
    public ByteBuffer body() {
      return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    @Override
    public void header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      builder.header(name, value);
    }

    @Override
    public String toString() {
      return "OutgoingRequest[POST " + uri.getScheme() + "://" + uri.getHost() + "]";
    }
  }
}
