package dev.optievent.client.internal.http;

import dev.optievent.client.OptimoveConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * Builds the JDK {@link HttpClient} a {@link Sender} uses, from the network settings: the TLS
 * context ({@code sslContext}, or one trusting {@code trustStore}; else the JDK's default), the
 * proxy ({@code proxy}; else the JDK's default selector, which honours {@code https.proxyHost} and
 * the other standard proxy properties) and the proxy's credentials ({@code proxyUser}, {@code
 * proxyPassword}; given to a proxy that answers 407, never to the endpoint). HTTP/1.1, no
 * redirects.
 */
public final class HttpClientFactory {

  private HttpClientFactory() {}

  /**
   * @param config the settings
   * @param executor where the HTTP client's own work runs
   * @return a new client
   */
  public static HttpClient create(OptimoveConfig config, Executor executor) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    SSLContext tls = sslContext(config);
    if (tls != null) {
      builder.sslContext(tls);
    }
    config.proxy().ifPresent(builder::proxy);
    config
        .proxyUser()
        .ifPresent(
            user -> builder.authenticator(new ProxyCredentials(user, config.proxyPassword())));
    return builder.build();
  }

  /** The configured TLS context, or {@code null} for the JDK's default. */
  private static SSLContext sslContext(OptimoveConfig config) {
    if (config.sslContext().isPresent()) {
      return config.sslContext().get();
    }
    if (config.trustStore().isPresent()) {
      try {
        return TrustStores.context(
            config.trustStore().get(), config.trustStorePassword().orElse(null));
      } catch (IOException e) {
        // Checked when the config was built: the file changed since.
        throw new UncheckedIOException(
            "trustStore (OPTIMOVE_TRUST_STORE) '"
                + config.trustStore().get()
                + "' cannot be read: "
                + e.getMessage(),
            e);
      }
    }
    return null;
  }

  /** Answers a proxy's 407 with the configured credentials; nothing else gets them. */
  static final class ProxyCredentials extends Authenticator {
    private final String user;
    private final String password;

    ProxyCredentials(String user, java.util.Optional<String> password) {
      this.user = user;
      this.password = password.orElse("");
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
      if (getRequestorType() != RequestorType.PROXY) {
        return null; // the endpoint's own 401 is classified, never answered with these
      }
      return new PasswordAuthentication(user, password.toCharArray());
    }

    @Override
    public String toString() {
      return "ProxyCredentials[****]";
    }
  }
}
