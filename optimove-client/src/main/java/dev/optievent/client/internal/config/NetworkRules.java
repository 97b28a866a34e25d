package dev.optievent.client.internal.config;

import dev.optievent.client.internal.http.TrustStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network rules the settings table checks at {@code build()}: the endpoint's scheme and host,
 * the extra headers, and whether a trust store can be read. Each rule returns what is wrong (the
 * words after the setting's name), or {@code null}; the table names the setting and throws. No rule
 * ever repeats a secret (a header's value, a URL's user-info, query or fragment). Internal.
 */
public final class NetworkRules {

  /** Headers the client sets itself. */
  private static final List<String> RESERVED_HEADERS =
      List.of(
          "host",
          "content-length",
          "connection",
          "expect",
          "upgrade",
          "content-type",
          "x-optimove-signature-version",
          "x-optimove-signature-content");

  private NetworkRules() {}

  /**
   * An absolute https URL, or http to a loopback host.
   *
   * @return what is wrong, after the quoted endpoint ({@code must be an absolute URL ...}), or
   *     {@code null}
   */
  public static String endpointProblem(URI endpoint) {
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!endpoint.isAbsolute() || endpoint.getHost() == null) {
      return "must be an absolute URL with a host, such as https://host/path";
    }
    if (scheme.equals("https") || (scheme.equals("http") && isLoopback(endpoint.getHost()))) {
      return null;
    }
    if (scheme.equals("http")) {
      return "uses plain http to a non-loopback host: use https (plain http is allowed only for"
          + " localhost/127.0.0.1/[::1])";
    }
    return "has scheme '" + endpoint.getScheme() + "': use https";
  }

  private static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses are checked: a name is never resolved here.
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Valid header names, none the client sets itself, and values without line breaks.
   *
   * @return what is wrong, after the setting's name ({@code has a header name ...}), or {@code
   *     null}
   */
  public static String headersProblem(Map<String, String> headers) {
    if (headers == null) {
      return "is null: leave it out instead";
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey();
      if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        return "has a header name that is not a valid token: '" + name + "'";
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        return "may not set '"
            + name
            + "': the client sets it (use signingKey for the signature headers)";
      }
      String value = h.getValue();
      if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        // Never the value itself: it is likely a token.
        return "has a value for '" + name + "' that is null or holds a line break";
      }
    }
    return null;
  }

  /**
   * Loads the trust store as the client will.
   *
   * @throws IOException or a {@link RuntimeException} saying why it cannot be used
   */
  public static void loadTrustStore(Path trustStore, String password) throws IOException {
    TrustStores.context(trustStore, password);
  }
}
