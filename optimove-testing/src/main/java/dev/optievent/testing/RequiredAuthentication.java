package dev.optievent.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the fake demands of each request before it looks at the body: headers with given values, and
 * a valid HMAC-SHA256 signature of the body. A request without what is demanded is answered 401;
 * one with a wrong value or signature 403. Immutable once the server starts; thread-safe.
 */
final class RequiredAuthentication {

  /** The header that names the signature scheme; only version {@code 1} is known. */
  static final String SIGNATURE_VERSION = "X-Optimove-Signature-Version";

  /** The header that carries the lower-case hex HMAC-SHA256 of the body. */
  static final String SIGNATURE_CONTENT = "X-Optimove-Signature-Content";

  private final Map<String, String> headers; // lower-case name -> value
  private final byte[] signingKey; // null: no signature required

  private RequiredAuthentication(Map<String, String> headers, byte[] signingKey) {
    this.headers = Map.copyOf(headers);
    this.signingKey = signingKey == null ? null : signingKey.clone();
  }

  static final RequiredAuthentication NONE = new RequiredAuthentication(Map.of(), null);

  RequiredAuthentication withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name.toLowerCase(Locale.ROOT), value);
    return new RequiredAuthentication(copy, signingKey);
  }

  RequiredAuthentication withSigningKey(String key) {
    return new RequiredAuthentication(headers, key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Checks one request.
   *
   * @return {@code null} if it passes, else the refusal
   */
  Refusal check(Map<String, List<String>> requestHeaders, byte[] body) {
    for (Map.Entry<String, String> required : headers.entrySet()) {
      List<String> values = values(requestHeaders, required.getKey());
      if (values.isEmpty()) {
        return new Refusal(401, "Missing header " + required.getKey());
      }
      if (!values.contains(required.getValue())) {
        return new Refusal(403, "Wrong value of header " + required.getKey());
      }
    }
    if (signingKey == null) {
      return null;
    }
    List<String> version = values(requestHeaders, SIGNATURE_VERSION);
    List<String> content = values(requestHeaders, SIGNATURE_CONTENT);
    if (version.isEmpty() || content.isEmpty()) {
      return new Refusal(401, "Missing signature headers");
    }
    if (!version.equals(List.of("1"))) {
      return new Refusal(403, "Unknown signature version " + version);
    }
    byte[] expected = hmacHex(signingKey, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = content.get(0).getBytes(StandardCharsets.US_ASCII);
    if (content.size() != 1 || !MessageDigest.isEqual(expected, given)) {
      return new Refusal(403, "Wrong signature");
    }
    return null;
  }

  /** The lower-case hex HMAC-SHA256 of {@code body} keyed by {@code key}. */
  static String hmacHex(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(body);
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static List<String> values(Map<String, List<String>> headers, String name) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
        found.addAll(e.getValue());
      }
    }
    return found;
  }

  /** A refused request: the status (401 or 403) and why, never the secret itself. */
  record Refusal(int status, String message) {}
}
