package dev.optievent.client;

import dev.optievent.client.internal.config.NetworkRules;
import dev.optievent.client.internal.config.SettingParsers;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The table of {@link OptimoveConfig} settings, in the order of the table in docs/configuration.md,
 * with the checks that name a setting. Adding a setting here (and its builder method and getter) is
 * all that {@code fromEnvironment}, {@code toBuilder}, {@code toString} and the build-time checks
 * need; a test holds that table to it. How values are read from text and shown is in {@link
 * SettingParsers}; the network rules (endpoint, headers, trust store) in {@link NetworkRules}.
 */
final class Settings {

  // Filled by add() as the constants below are initialised, so that each setting's index is its
  // position in ALL. Must stay above the constants.
  private static final List<Setting<?>> added = new ArrayList<>();

  static final Setting<URI> ENDPOINT =
      add(
          Setting.builder(URI.class, "endpoint")
              .env(OptimoveConfig.ENV_ENDPOINT, Settings::parseEndpoint, "a URL")
              .required("the URL Optimove gave you")
              .check(Settings::checkEndpoint)
              .display(SettingParsers::withoutSecrets),
          "the URL Optimove gave you; `https`, or `http` for loopback only");

  static final Setting<Long> TENANT =
      add(
          Setting.builder(Long.class, "tenant")
              .env(OptimoveConfig.ENV_TENANT, Long::parseLong, "a positive integer")
              .required("the tenant ID Optimove gave you")
              .check(Settings::checkTenant),
          "your tenant ID, a positive integer");

  static final Setting<Duration> CONNECT_TIMEOUT =
      add(
          duration("connectTimeout", "OPTIMOVE_CONNECT_TIMEOUT", Duration.ofSeconds(5))
              .check(Settings::positive),
          "TCP connect timeout");

  static final Setting<Duration> REQUEST_TIMEOUT =
      add(
          duration("requestTimeout", "OPTIMOVE_REQUEST_TIMEOUT", Duration.ofSeconds(10))
              .check(Settings::positive),
          "per request; a timed-out request is retried");

  static final Setting<Integer> QUEUE_CAPACITY =
      add(atLeastOne("queueCapacity", "OPTIMOVE_QUEUE_CAPACITY", 10_000), "events held in memory");

  static final Setting<Long> MAX_QUEUE_BYTES =
      add(
          Setting.builder(Long.class, "maxQueueBytes")
              .env("OPTIMOVE_MAX_QUEUE_BYTES", SettingParsers::bytes, SettingParsers.BYTES)
              .byDefault(64L * 1024 * 1024)
              .text(SettingParsers::bytesText)
              .check(
                  (s, v) -> {
                    if (v == null || v < 1024) {
                      throw new OptimoveConfigException(
                          s.label() + " is " + v + " but must be at least 1024 (1KiB)");
                    }
                  }),
          "estimated heap of the events held in memory; the same overflow policy applies");

  static final Setting<OverflowPolicy> OVERFLOW_POLICY =
      add(
          Setting.builder(OverflowPolicy.class, "overflowPolicy")
              .env(
                  "OPTIMOVE_OVERFLOW_POLICY",
                  raw -> OverflowPolicy.valueOf(raw.toUpperCase(Locale.ROOT)),
                  "one of " + Arrays.toString(OverflowPolicy.values()))
              .byDefault(OverflowPolicy.DROP_NEWEST)
              // A null policy has always been a NullPointerException naming the setting.
              .check((s, v) -> Objects.requireNonNull(v, s.name())),
          "when full: `DROP_NEWEST` (caller never blocks), `DROP_OLDEST`, `BLOCK`");

  static final Setting<Duration> BLOCK_TIMEOUT =
      add(
          duration("blockTimeout", "OPTIMOVE_BLOCK_TIMEOUT", Duration.ofMillis(100))
              .check(Settings::notNegative),
          "with `BLOCK`, the longest a caller waits");

  static final Setting<Integer> MAX_IN_FLIGHT =
      add(
          atLeastOne("maxInFlight", "OPTIMOVE_MAX_IN_FLIGHT", 256)
              .check(
                  (s, v) -> {
                    if (v == null || v < 1 || v > 10_000) {
                      throw new OptimoveConfigException(
                          s.label() + " is " + v + " but must be between 1 and 10000");
                    }
                  }),
          "most requests in flight at once (the cap of the adaptive limit)");

  static final Setting<Boolean> ADAPTIVE_IN_FLIGHT =
      add(
          Setting.builder(Boolean.class, "adaptiveInFlight")
              .env("OPTIMOVE_ADAPTIVE_IN_FLIGHT", SettingParsers::bool, "true or false")
              .byDefault(true),
          "adapt requests in flight to the endpoint (from 64, up to `maxInFlight`); `false`: always"
              + " `maxInFlight`");

  static final Setting<Integer> MAX_ATTEMPTS =
      add(
          atLeastOne("maxAttempts", "OPTIMOVE_MAX_ATTEMPTS", 6),
          "failed attempts an event may make while the endpoint answers other requests (a poison"
              + " event); failures while the endpoint fails as a whole, and 429s, do not count:"
              + " `maxEventAge` bounds those");

  static final Setting<Duration> RETRY_BASE_DELAY =
      add(
          duration("retryBaseDelay", "OPTIMOVE_RETRY_BASE_DELAY", Duration.ofMillis(200))
              .check(Settings::positive),
          "exponential backoff base (full jitter)");

  static final Setting<Duration> RETRY_MAX_DELAY =
      add(
          duration("retryMaxDelay", "OPTIMOVE_RETRY_MAX_DELAY", Duration.ofSeconds(5))
              .check(Settings::positive),
          "longest backoff, between an event's retries and between probes of a failing endpoint");

  static final Setting<Duration> RETRY_AFTER_CAP =
      add(
          duration("retryAfterCap", "OPTIMOVE_RETRY_AFTER_CAP", Duration.ofSeconds(60))
              .check(Settings::positive),
          "longest `Retry-After` honoured");

  static final Setting<Duration> MAX_EVENT_AGE =
      add(
          duration("maxEventAge", "OPTIMOVE_MAX_EVENT_AGE", Duration.ofMinutes(10))
              .check(Settings::positive),
          "older undelivered events are dropped (`expired`); retried until then whatever the"
              + " outage; with a spool `spoolMaxEventAge` applies instead");

  static final Setting<Duration> SHUTDOWN_TIMEOUT =
      add(
          duration("shutdownTimeout", "OPTIMOVE_SHUTDOWN_TIMEOUT", Duration.ofSeconds(10))
              .check(Settings::notNegative),
          "how long `close()` waits to deliver what is queued");

  static final Setting<Boolean> SHUTDOWN_HOOK =
      add(
          Setting.builder(Boolean.class, "shutdownHook")
              .env("OPTIMOVE_SHUTDOWN_HOOK", SettingParsers::bool, "true or false")
              .byDefault(false),
          "register a JVM shutdown hook that closes the client");

  static final Setting<Integer> MAX_PARAMETERS =
      add(atLeastOne("maxParameters", "OPTIMOVE_MAX_PARAMETERS", 50), "parameters per event");

  static final Setting<Integer> MAX_TEXT_LENGTH =
      add(
          atLeastOne("maxTextLength", "OPTIMOVE_MAX_TEXT_LENGTH", 255),
          "characters per text value (some accounts allow 4000)");

  static final Setting<Path> CATALOG =
      add(
          Setting.builder(Path.class, "catalog")
              .env("OPTIMOVE_CATALOG", Path::of, "a file path")
              .check(Settings::checkCatalog),
          "event catalog JSON file");

  // ---- The durable spool (off by default) -----------------------------------------------------

  static final Setting<Path> SPOOL_DIRECTORY =
      add(
          Setting.builder(Path.class, "spoolDirectory")
              .env("OPTIMOVE_SPOOL_DIRECTORY", Path::of, "a directory path")
              .check(
                  (s, dir) -> {
                    if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
                      throw new OptimoveConfigException(
                          s.label() + " is " + dir + ", which is not a directory");
                    }
                  }),
          "keep undelivered events on disk there: they survive `close()`, a restart, a crash and"
              + " an outage longer than the queue (see Durable delivery); none: memory only");

  static final Setting<Long> SPOOL_MAX_BYTES =
      add(
          Setting.builder(Long.class, "spoolMaxBytes")
              .env("OPTIMOVE_SPOOL_MAX_BYTES", SettingParsers::bytes, SettingParsers.BYTES)
              .byDefault(256L * 1024 * 1024)
              .text(SettingParsers::bytesText)
              .check(
                  (s, v) -> {
                    if (v == null || v < 64 * 1024) {
                      throw new OptimoveConfigException(
                          s.label() + " is " + v + " but must be at least 65536 (64KiB)");
                    }
                  }),
          "most bytes the spool's files take; past it, events that do not fit in memory are"
              + " dropped (`queue_full`)");

  static final Setting<Duration> SPOOL_SYNC_INTERVAL =
      add(
          duration("spoolSyncInterval", "OPTIMOVE_SPOOL_SYNC_INTERVAL", Duration.ofSeconds(1))
              .check(Settings::positive),
          "how often the spool forces its writes to disk: a crash loses at most the events"
              + " accepted in the last interval");

  static final Setting<Duration> SPOOL_MAX_EVENT_AGE =
      add(
          duration("spoolMaxEventAge", "OPTIMOVE_SPOOL_MAX_EVENT_AGE", Duration.ofHours(24))
              .check(Settings::positive),
          "with a spool, the age limit of every event instead of `maxEventAge`; older ones are"
              + " dropped (`expired`, or `spool_expired` when read back from disk)");

  // ---- The network: TLS, proxy, request authentication ----------------------------------------

  // Code only: a context is an object.
  static final Setting<SSLContext> SSL_CONTEXT =
      add(
          Setting.builder(SSLContext.class, "sslContext")
              .display(c -> "SSLContext(" + c.getProtocol() + ")"),
          "TLS context to trust a private CA (replaces the JDK's default trust)");

  static final Setting<Path> TRUST_STORE =
      add(
          Setting.builder(Path.class, "trustStore")
              .env("OPTIMOVE_TRUST_STORE", Path::of, "a file path")
              .check(Settings::checkReadable),
          "PKCS12 or JKS trust store, or PEM certificates, trusted instead of the JDK's CAs");

  static final Setting<String> TRUST_STORE_PASSWORD =
      add(
          secret("trustStorePassword", "OPTIMOVE_TRUST_STORE_PASSWORD"),
          "the trust store's password");

  static final Setting<ProxySelector> PROXY =
      add(
          Setting.builder(ProxySelector.class, "proxy")
              .env("OPTIMOVE_PROXY", Settings::parseProxy, "a proxy URL such as http://proxy:3128")
              .display(Settings::proxyText),
          "HTTP proxy, `http://host:port` in the environment; none: the JDK's proxy properties");

  static final Setting<String> PROXY_USER =
      add(
          secret("proxyUser", "OPTIMOVE_PROXY_USER"),
          "user name given to a proxy that asks (407); never to the endpoint");

  static final Setting<String> PROXY_PASSWORD =
      add(secret("proxyPassword", "OPTIMOVE_PROXY_PASSWORD"), "that user's password");

  // Code only: a map. Set with header(name, value) or headers(map).
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final Setting<Map> HEADERS =
      add(
          Setting.builder(Map.class, "headers")
              .byDefault(Map.of())
              .text(m -> SettingParsers.headersText((Map<String, String>) m))
              .check((s, v) -> checkHeaders(s, (Map<String, String>) v)),
          "fixed headers on every request, such as a bearer token (`header(name, value)`)");

  static final Setting<String> SIGNING_KEY =
      add(
          secret("signingKey", "OPTIMOVE_SIGNING_KEY"),
          "signs each body: `X-Optimove-Signature-Content`, hex HMAC-SHA256 keyed by it");

  // Code only: an object.
  static final Setting<RequestAuthenticator> REQUEST_AUTHENTICATOR =
      add(
          Setting.builder(RequestAuthenticator.class, "requestAuthenticator")
              .display(a -> a.getClass().getName()),
          "adds what else your endpoint demands to each request");

  // Code only: a listener is an object, not text. Front-ends document their own way to set it.
  static final Setting<DeliveryListener> DELIVERY_LISTENER =
      add(
          Setting.builder(DeliveryListener.class, "deliveryListener")
              .display(listener -> listener.getClass().getName()),
          "hears each event's outcome");

  /** Every setting, in the guide's order; {@code ALL.get(i).index() == i}. */
  static final List<Setting<?>> ALL = List.copyOf(added);

  private Settings() {}

  private static <T> Setting<T> add(Setting.Builder<T> builder, String description) {
    Setting<T> setting = builder.build(added.size(), description);
    added.add(setting);
    return setting;
  }

  /** A secret: read as it is, never shown. */
  private static Setting.Builder<String> secret(String name, String env) {
    return Setting.builder(String.class, name)
        .env(env, raw -> raw, "text")
        .display(v -> "****")
        .check(
            (s, v) -> {
              if (v != null && v.isEmpty()) {
                throw new OptimoveConfigException(s.label() + " is empty: leave it out instead");
              }
            });
  }

  private static Setting.Builder<Duration> duration(String name, String env, Duration byDefault) {
    return Setting.builder(Duration.class, name)
        .env(env, SettingParsers::duration, SettingParsers.DURATION)
        .byDefault(byDefault);
  }

  private static Setting.Builder<Integer> atLeastOne(String name, String env, int byDefault) {
    return Setting.builder(Integer.class, name)
        .env(env, Integer::parseInt, "an integer")
        .byDefault(byDefault)
        .check(
            (s, v) -> {
              if (v == null || v < 1) {
                throw new OptimoveConfigException(
                    s.label() + " is " + v + " but must be at least 1");
              }
            });
  }

  /** Each setting's default, in a new array indexed like {@link #ALL}. */
  static Object[] defaults() {
    Object[] values = new Object[ALL.size()];
    for (Setting<?> s : ALL) {
      values[s.index()] = s.defaultValue();
    }
    return values;
  }

  /**
   * Checks every setting in {@code values}, then the rules that span settings.
   *
   * @throws OptimoveConfigException naming the first setting that is missing or invalid
   */
  static void check(Object[] values) {
    for (Setting<?> s : ALL) {
      s.check(values);
    }
    Duration base = RETRY_BASE_DELAY.get(values);
    Duration max = RETRY_MAX_DELAY.get(values);
    if (max.compareTo(base) < 0) {
      throw new OptimoveConfigException(
              RETRY_MAX_DELAY.label()
                  + " is "
                  + max
                  + " but must not be shorter than "
                  + RETRY_BASE_DELAY.name()
                  + " ("
                  + base
                  + ")")
          .concerning(RETRY_MAX_DELAY);
    }
    checkNetwork(values);
  }

  /** The rules between the network settings; never shows a secret. */
  private static void checkNetwork(Object[] values) {
    if (SSL_CONTEXT.get(values) != null && TRUST_STORE.get(values) != null) {
      throw new OptimoveConfigException(
              SSL_CONTEXT.label()
                  + " and "
                  + TRUST_STORE.label()
                  + " are both set: set one (a context you built, or the file it trusts)")
          .concerning(TRUST_STORE);
    }
    if (PROXY_PASSWORD.get(values) != null && PROXY_USER.get(values) == null) {
      throw new OptimoveConfigException(
              PROXY_PASSWORD.label() + " is set but " + PROXY_USER.label() + " is not: set both")
          .concerning(PROXY_USER);
    }
    Path trustStore = TRUST_STORE.get(values);
    if (trustStore != null) {
      try {
        NetworkRules.loadTrustStore(trustStore, TRUST_STORE_PASSWORD.get(values));
      } catch (IOException | RuntimeException e) {
        throw new OptimoveConfigException(
                TRUST_STORE.label()
                    + " '"
                    + trustStore
                    + "' cannot be used: "
                    + e.getMessage()
                    + " (a PKCS12 or JKS trust store, with "
                    + TRUST_STORE_PASSWORD.label()
                    + " if it has one, or a file of PEM certificates)",
                e)
            .concerning(TRUST_STORE);
      }
    }
  }

  /** Parses {@code http://host:port}. Never repeats the text: it may hold a password by mistake. */
  static ProxySelector parseProxy(String raw) {
    URI uri;
    try {
      uri = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw new OptimoveConfigException(PROXY.label() + " is not a URL: write it http://host:port")
          .concerning(PROXY);
    }
    if (uri.getRawUserInfo() != null) {
      throw new OptimoveConfigException(
              PROXY.label()
                  + " must not hold credentials: set "
                  + PROXY_USER.label()
                  + " and "
                  + PROXY_PASSWORD.label()
                  + " instead")
          .concerning(PROXY);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare =
        (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
    if (!scheme.equals("http") || uri.getHost() == null || uri.getPort() < 1 || !bare) {
      throw new OptimoveConfigException(
              PROXY.label()
                  + " must be http://host:port, such as http://proxy.example.com:3128 (an HTTP"
                  + " proxy; HTTPS to the endpoint goes through it with CONNECT)")
          .concerning(PROXY);
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new FixedProxy(host, uri.getPort());
  }

  private static String proxyText(ProxySelector proxy) {
    return proxy instanceof FixedProxy ? proxy.toString() : proxy.getClass().getName();
  }

  private static void checkHeaders(Setting<?> s, Map<String, String> headers) {
    String problem = NetworkRules.headersProblem(headers);
    if (problem != null) {
      throw new OptimoveConfigException(s.label() + " " + problem);
    }
  }

  private static void positive(Setting<Duration> s, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new OptimoveConfigException(
          s.label() + " is " + value + " but must be a positive duration");
    }
  }

  private static void notNegative(Setting<Duration> s, Duration value) {
    if (value == null || value.isNegative()) {
      throw new OptimoveConfigException(
          s.label() + " is " + value + " but must be zero or positive");
    }
  }

  private static void checkTenant(Setting<Long> s, Long tenant) {
    if (tenant <= 0) {
      throw new OptimoveConfigException(
          s.label() + " is " + tenant + " but must be a positive integer");
    }
  }

  private static void checkReadable(Setting<Path> s, Path file) {
    if (file != null && !Files.isReadable(file)) {
      throw new OptimoveConfigException(
          s.label() + " '" + file + "' is not a readable file: fix the path or leave it out");
    }
  }

  private static void checkCatalog(Setting<Path> s, Path catalog) {
    if (catalog != null && !Files.isReadable(catalog)) {
      throw new OptimoveConfigException(
          s.label()
              + " '"
              + catalog
              + "' is not a readable file: fix the path or leave the setting out");
    }
  }

  /** Parses the endpoint string, naming the setting when it is missing or not a URL at all. */
  static URI parseEndpoint(String value) {
    if (value == null || value.isBlank()) {
      throw ENDPOINT.missing();
    }
    try {
      return new URI(value.trim());
    } catch (URISyntaxException e) {
      // Not the text itself, nor the exception (which quotes it): it may hold a password or token.
      throw new OptimoveConfigException(
          ENDPOINT.label()
              + " is not a valid URL: "
              + e.getReason()
              + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")
              + " (the value is not shown: it may hold a token)");
    }
  }

  /** An absolute https URL, or http to a loopback host; shown without its secrets. */
  private static void checkEndpoint(Setting<URI> s, URI endpoint) {
    String problem = NetworkRules.endpointProblem(endpoint);
    if (problem != null) {
      throw new OptimoveConfigException(
          s.label() + " '" + SettingParsers.withoutSecrets(endpoint) + "' " + problem);
    }
  }
}
