package dev.optievent.client;

import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Immutable settings of an {@link OptimoveClient}. Build one with {@link #builder()} or read one
 * from {@code OPTIMOVE_*} environment variables with {@link #fromEnvironment()}. Every setting is
 * checked when the config is built: a bad value fails at start-up with an {@link
 * OptimoveConfigException} that names the setting and says what is wrong.
 *
 * <pre>{@code
 * OptimoveConfig config = OptimoveConfig.builder()
 *     .endpoint(URI.create("https://your-endpoint.example/events"))
 *     .tenant(999)
 *     .build();
 * }</pre>
 *
 * <p>docs/configuration.md has the full table of settings, their environment variables and
 * defaults.
 */
public final class OptimoveConfig {

  /** Environment variable of {@link Builder#endpoint(URI)}. */
  public static final String ENV_ENDPOINT = "OPTIMOVE_ENDPOINT";

  /** Environment variable of {@link Builder#tenant(long)}. */
  public static final String ENV_TENANT = "OPTIMOVE_TENANT";

  // One slot per setting, indexed by Setting.index(); see Settings for the table.
  private final Object[] values;

  private OptimoveConfig(Builder b) {
    Object[] checked = b.values.clone();
    Settings.check(checked);
    this.values = checked;
  }

  /**
   * A builder with every optional setting at its default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the settings from the process environment: {@code OPTIMOVE_ENDPOINT} and {@code
   * OPTIMOVE_TENANT} are required; the optional ones are listed in docs/configuration.md.
   *
   * @return the config
   * @throws OptimoveConfigException naming the variable whose value is missing or invalid
   */
  public static OptimoveConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads the settings from the given variables, as {@link #fromEnvironment()} does.
   *
   * @param env variable name to value
   * @return the config
   * @throws OptimoveConfigException naming the variable whose value is missing or invalid
   */
  public static OptimoveConfig fromEnvironment(Map<String, String> env) {
    Builder b = builder();
    for (Setting<?> setting : Settings.ALL) {
      setting.read(env, b.values);
    }
    return b.build();
  }

  /**
   * Reads the settings from properties named as Spring Boot names them: {@code optimove.endpoint},
   * {@code optimove.tenant}, {@code optimove.request-timeout=5s}, {@code
   * optimove.max-queue-bytes=64MiB} and so on, one per setting of the table in
   * docs/configuration.md, with the same parsers and checks as {@link #fromEnvironment()}. A
   * property that is not set keeps its default.
   *
   * @param lookup property name to value ({@code null} when not set), such as Spring's {@code
   *     Environment::getProperty}
   * @return the config
   * @throws OptimoveConfigException naming the property whose value is missing or invalid ({@link
   *     OptimoveConfigException#propertyName()})
   */
  public static OptimoveConfig fromProperties(Function<String, String> lookup) {
    return builder().properties(lookup).build();
  }

  /**
   * Whether the environment names an endpoint at all, so that an application can choose a default
   * when it does not.
   *
   * @param env variable name to value
   * @return {@code true} if {@code OPTIMOVE_ENDPOINT} is set and not blank
   */
  public static boolean isConfiguredIn(Map<String, String> env) {
    String value = env.get(ENV_ENDPOINT);
    return value != null && !value.isBlank();
  }

  /**
   * A builder that starts from this config's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(values.clone());
  }

  /**
   * @return the Optimove endpoint events are POSTed to
   */
  public URI endpoint() {
    return Settings.ENDPOINT.get(values);
  }

  /**
   * @return the Optimove tenant ID
   */
  public long tenant() {
    return Settings.TENANT.get(values);
  }

  /**
   * @return the TCP connect timeout
   */
  public Duration connectTimeout() {
    return Settings.CONNECT_TIMEOUT.get(values);
  }

  /**
   * @return how long one request may take before it counts as timed out (and is retried)
   */
  public Duration requestTimeout() {
    return Settings.REQUEST_TIMEOUT.get(values);
  }

  /**
   * @return the most events held in memory waiting to be sent
   */
  public int queueCapacity() {
    return Settings.QUEUE_CAPACITY.get(values);
  }

  /**
   * @return the most estimated bytes of events held in memory waiting to be sent
   */
  public long maxQueueBytes() {
    return Settings.MAX_QUEUE_BYTES.get(values);
  }

  /**
   * @return what happens when the queue is full
   */
  public OverflowPolicy overflowPolicy() {
    return Settings.OVERFLOW_POLICY.get(values);
  }

  /**
   * @return with {@link OverflowPolicy#BLOCK}, the longest a caller waits for room
   */
  public Duration blockTimeout() {
    return Settings.BLOCK_TIMEOUT.get(values);
  }

  /**
   * @return the most requests in flight at once
   */
  public int maxInFlight() {
    return Settings.MAX_IN_FLIGHT.get(values);
  }

  /**
   * @return whether the number of requests in flight adapts to the endpoint (up to {@link
   *     #maxInFlight()}), rather than staying at {@link #maxInFlight()}
   */
  public boolean adaptiveInFlight() {
    return Settings.ADAPTIVE_IN_FLIGHT.get(values);
  }

  /**
   * @return the most attempts per event, the first one included
   */
  public int maxAttempts() {
    return Settings.MAX_ATTEMPTS.get(values);
  }

  /**
   * @return the base of the exponential backoff between attempts
   */
  public Duration retryBaseDelay() {
    return Settings.RETRY_BASE_DELAY.get(values);
  }

  /**
   * @return the longest backoff between attempts
   */
  public Duration retryMaxDelay() {
    return Settings.RETRY_MAX_DELAY.get(values);
  }

  /**
   * @return the longest {@code Retry-After} the client honours
   */
  public Duration retryAfterCap() {
    return Settings.RETRY_AFTER_CAP.get(values);
  }

  /**
   * @return after this long since it was accepted, an undelivered event is dropped as expired
   */
  public Duration maxEventAge() {
    return Settings.MAX_EVENT_AGE.get(values);
  }

  /**
   * @return how long {@link OptimoveClient#close()} waits for queued events to be delivered
   */
  public Duration shutdownTimeout() {
    return Settings.SHUTDOWN_TIMEOUT.get(values);
  }

  /**
   * @return whether the client registers a JVM shutdown hook that closes it
   */
  public boolean shutdownHook() {
    return Settings.SHUTDOWN_HOOK.get(values);
  }

  /**
   * @return the most context parameters per event
   */
  public int maxParameters() {
    return Settings.MAX_PARAMETERS.get(values);
  }

  /**
   * @return the longest text value, in characters
   */
  public int maxTextLength() {
    return Settings.MAX_TEXT_LENGTH.get(values);
  }

  /**
   * @return the event catalog file, if one is configured
   */
  public Optional<Path> catalog() {
    return Optional.ofNullable(Settings.CATALOG.get(values));
  }

  /**
   * @return the directory of the durable spool, if one is configured (none: events live in memory
   *     only)
   */
  public Optional<Path> spoolDirectory() {
    return Optional.ofNullable(Settings.SPOOL_DIRECTORY.get(values));
  }

  /**
   * @return the most bytes the spool's files may take
   */
  public long spoolMaxBytes() {
    return Settings.SPOOL_MAX_BYTES.get(values);
  }

  /**
   * @return how often the spool forces its writes to disk
   */
  public Duration spoolSyncInterval() {
    return Settings.SPOOL_SYNC_INTERVAL.get(values);
  }

  /**
   * @return spooled events older than this (since acceptance) when read back are dropped
   */
  public Duration spoolMaxEventAge() {
    return Settings.SPOOL_MAX_EVENT_AGE.get(values);
  }

  /**
   * @return the TLS context set with {@link Builder#sslContext(SSLContext)}, if any
   */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(Settings.SSL_CONTEXT.get(values));
  }

  /**
   * @return the trust store file whose certificates are trusted instead of the JDK's, if any
   */
  public Optional<Path> trustStore() {
    return Optional.ofNullable(Settings.TRUST_STORE.get(values));
  }

  /**
   * @return the trust store's password, if set; a secret, never shown by {@link #toString()}
   */
  public Optional<String> trustStorePassword() {
    return Optional.ofNullable(Settings.TRUST_STORE_PASSWORD.get(values));
  }

  /**
   * @return the proxy selector, if one is set; without one the JDK's default selector is used
   */
  public Optional<ProxySelector> proxy() {
    return Optional.ofNullable(Settings.PROXY.get(values));
  }

  /**
   * @return the user name given to a proxy that asks for authentication, if set; shown as {@code
   *     ****}
   */
  public Optional<String> proxyUser() {
    return Optional.ofNullable(Settings.PROXY_USER.get(values));
  }

  /**
   * @return the proxy user's password, if set; a secret, never shown by {@link #toString()}
   */
  public Optional<String> proxyPassword() {
    return Optional.ofNullable(Settings.PROXY_PASSWORD.get(values));
  }

  /**
   * @return the fixed headers added to every request, in order (empty if none); their values are
   *     never shown by {@link #toString()}
   */
  @SuppressWarnings("unchecked")
  public Map<String, String> headers() {
    return Settings.HEADERS.get(values);
  }

  /**
   * @return the key each request body is signed with, if set; a secret, never shown by {@link
   *     #toString()}
   */
  public Optional<String> signingKey() {
    return Optional.ofNullable(Settings.SIGNING_KEY.get(values));
  }

  /**
   * @return the authenticator called for each request, if one is set
   */
  public Optional<RequestAuthenticator> requestAuthenticator() {
    return Optional.ofNullable(Settings.REQUEST_AUTHENTICATOR.get(values));
  }

  /**
   * @return the listener that hears each event's outcome, if one is set
   */
  public Optional<DeliveryListener> deliveryListener() {
    return Optional.ofNullable(Settings.DELIVERY_LISTENER.get(values));
  }

  /**
   * Every setting and its value. The endpoint is shown as scheme://host[:port]/path only: its
   * user-info and query may hold a token. Secrets (passwords, the signing key, header values, the
   * proxy user) are shown as {@code ****}.
   */
  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "OptimoveConfig{", "}");
    for (Setting<?> setting : Settings.ALL) {
      joiner.add(setting.name() + "=" + setting.display(values));
    }
    return joiner.toString();
  }

  /** Collects settings for an {@link OptimoveConfig}. Not thread-safe. */
  public static final class Builder {
    // Indexed like OptimoveConfig.values; checked only by build().
    private final Object[] values;

    private Builder() {
      this(Settings.defaults());
    }

    private Builder(Object[] values) {
      this.values = values;
    }

    private <T> Builder set(Setting<T> setting, T value) {
      setting.set(values, value);
      return this;
    }

    /**
     * Sets every setting found in {@code lookup} under its property name ({@code optimove.} and the
     * setting's name in kebab case, see {@link OptimoveConfig#fromProperties}); the others keep
     * their values. Required settings are checked by {@link #build()}, so that code can still set
     * them after this.
     *
     * @param lookup property name to value ({@code null} when not set)
     * @return this builder
     * @throws OptimoveConfigException naming the property whose value cannot be parsed
     */
    public Builder properties(Function<String, String> lookup) {
      Objects.requireNonNull(lookup, "lookup");
      for (Setting<?> setting : Settings.ALL) {
        setting.readProperty(lookup, values);
      }
      return this;
    }

    /**
     * The endpoint Optimove gave you (required). Must be an absolute {@code https} URL; plain
     * {@code http} is allowed only for loopback hosts (tests, local fakes).
     *
     * @param endpoint the URL
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      return set(Settings.ENDPOINT, endpoint);
    }

    /**
     * The endpoint as a string; see {@link #endpoint(URI)}.
     *
     * @param endpoint the URL
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      return set(Settings.ENDPOINT, Settings.parseEndpoint(endpoint));
    }

    /**
     * Your Optimove tenant ID (required, a positive integer).
     *
     * @param tenant the tenant ID
     * @return this builder
     */
    public Builder tenant(long tenant) {
      return set(Settings.TENANT, tenant);
    }

    /**
     * TCP connect timeout. Default 5 s.
     *
     * @param timeout positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      return set(Settings.CONNECT_TIMEOUT, timeout);
    }

    /**
     * Per-request timeout; a timed-out request is retried. Default 10 s.
     *
     * @param timeout positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      return set(Settings.REQUEST_TIMEOUT, timeout);
    }

    /**
     * Most events held in memory. Default 10,000.
     *
     * @param capacity at least 1
     * @return this builder
     */
    public Builder queueCapacity(int capacity) {
      return set(Settings.QUEUE_CAPACITY, capacity);
    }

    /**
     * Most estimated bytes of events held in memory, text counted twice (as strings and in the
     * request body kept for retries). Past it the queue is full, as past {@link
     * #queueCapacity(int)}; one event always fits into an empty queue. Default 64 MiB.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public Builder maxQueueBytes(long bytes) {
      return set(Settings.MAX_QUEUE_BYTES, bytes);
    }

    /**
     * What to do when the queue is full. Default {@link OverflowPolicy#DROP_NEWEST}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder overflowPolicy(OverflowPolicy policy) {
      return set(Settings.OVERFLOW_POLICY, policy);
    }

    /**
     * With {@link OverflowPolicy#BLOCK}, the longest a caller waits for room. Default 100 ms.
     *
     * @param timeout zero or positive
     * @return this builder
     */
    public Builder blockTimeout(Duration timeout) {
      return set(Settings.BLOCK_TIMEOUT, timeout);
    }

    /**
     * Most requests in flight at once: the cap of the adaptive limit (see {@link
     * #adaptiveInFlight(boolean)}), or the fixed number of requests in flight without it. Default
     * 256: at 50 ms per request that is up to 5,000 events/s, at 200 ms up to 1,280.
     *
     * @param max from 1 to 10,000
     * @return this builder
     */
    public Builder maxInFlight(int max) {
      return set(Settings.MAX_IN_FLIGHT, max);
    }

    /**
     * Whether the number of requests in flight adapts to the endpoint. Default on: it starts at 64
     * (or {@link #maxInFlight(int)} if smaller) and, while events wait, steps up while more
     * requests bring more answers per second and down where fewer bring as many; it is cut when the
     * endpoint answers 429 or 5xx, times out or refuses connections; never past {@link
     * #maxInFlight(int)}, never below 4. Off: always {@code maxInFlight}.
     *
     * @param enabled whether to adapt
     * @return this builder
     */
    public Builder adaptiveInFlight(boolean enabled) {
      return set(Settings.ADAPTIVE_IN_FLIGHT, enabled);
    }

    /**
     * Most failed attempts an event may make while the endpoint answers other requests (so that the
     * event itself is the likely cause). Failures while the endpoint fails as a whole (refused,
     * reset, timed out, 5xx for every request) and 429s do not count: they are retried until {@link
     * #maxEventAge(Duration)}. Default 6.
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      return set(Settings.MAX_ATTEMPTS, attempts);
    }

    /**
     * Base of the exponential backoff (full jitter). Default 200 ms.
     *
     * @param delay positive duration
     * @return this builder
     */
    public Builder retryBaseDelay(Duration delay) {
      return set(Settings.RETRY_BASE_DELAY, delay);
    }

    /**
     * Longest backoff between an event's attempts, and between probes of an endpoint that fails as
     * a whole. Default 5 s.
     *
     * @param delay positive, not shorter than the base delay
     * @return this builder
     */
    public Builder retryMaxDelay(Duration delay) {
      return set(Settings.RETRY_MAX_DELAY, delay);
    }

    /**
     * Longest {@code Retry-After} honoured; longer values are cut to this. Default 60 s.
     *
     * @param cap positive duration
     * @return this builder
     */
    public Builder retryAfterCap(Duration cap) {
      return set(Settings.RETRY_AFTER_CAP, cap);
    }

    /**
     * An event not delivered this long after it was accepted is dropped as {@code expired}; until
     * then it is retried, however long the outage. With a spool, {@link
     * #spoolMaxEventAge(Duration)} applies instead. Default 10 min.
     *
     * @param age positive duration
     * @return this builder
     */
    public Builder maxEventAge(Duration age) {
      return set(Settings.MAX_EVENT_AGE, age);
    }

    /**
     * How long {@code close()} waits for queued events, and with a spool for what the spool holds,
     * to be delivered. Default 10 s.
     *
     * @param timeout zero or positive
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
      return set(Settings.SHUTDOWN_TIMEOUT, timeout);
    }

    /**
     * Register a JVM shutdown hook that closes the client. Default off.
     *
     * @param enabled whether to register it
     * @return this builder
     */
    public Builder shutdownHook(boolean enabled) {
      return set(Settings.SHUTDOWN_HOOK, enabled);
    }

    /**
     * Most context parameters per event (the vendor documents 50). Default 50.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxParameters(int max) {
      return set(Settings.MAX_PARAMETERS, max);
    }

    /**
     * Longest text value in characters (the vendor documents 255; some accounts allow 4,000).
     * Default 255.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxTextLength(int max) {
      return set(Settings.MAX_TEXT_LENGTH, max);
    }

    /**
     * An event catalog (JSON) that events are checked against before they are queued. Default none.
     *
     * @param file a readable JSON file, or {@code null} for none
     * @return this builder
     */
    public Builder catalog(Path file) {
      return set(Settings.CATALOG, file);
    }

    /**
     * A durable spool in this directory (created if missing): undelivered events are written there
     * on the library's threads, survive {@code close()}, a restart or a crash, and events that do
     * not fit in memory overflow to it. One client per directory: a second one, in this process or
     * another, is refused. Default none (memory only).
     *
     * @param directory the directory, or {@code null} for none
     * @return this builder
     */
    public Builder spoolDirectory(Path directory) {
      return set(Settings.SPOOL_DIRECTORY, directory);
    }

    /**
     * The most bytes the spool's files may take. Default 256 MiB.
     *
     * @param max bytes, at least 64 KiB
     * @return this builder
     */
    public Builder spoolMaxBytes(long max) {
      return set(Settings.SPOOL_MAX_BYTES, max);
    }

    /**
     * How often the spool forces its writes to disk; a crash of the machine loses at most the
     * events accepted in the last interval. Default 1 s.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder spoolSyncInterval(Duration interval) {
      return set(Settings.SPOOL_SYNC_INTERVAL, interval);
    }

    /**
     * With a spool, the age limit of every event instead of {@link #maxEventAge(Duration)}: an
     * event undelivered this long after its first acceptance is dropped, as {@code expired}, or as
     * {@code spool_expired} when read back from disk. Default 24 h.
     *
     * @param age a positive duration
     * @return this builder
     */
    public Builder spoolMaxEventAge(Duration age) {
      return set(Settings.SPOOL_MAX_EVENT_AGE, age);
    }

    /**
     * A TLS context for the connection to the endpoint, such as one that trusts your company's
     * private CA; it replaces the JDK's default (the {@code cacerts} authorities). Default none.
     * Not together with {@link #trustStore(Path)}.
     *
     * @param context the context, or {@code null} for the JDK's default
     * @return this builder
     */
    public Builder sslContext(SSLContext context) {
      return set(Settings.SSL_CONTEXT, context);
    }

    /**
     * A file of certificates to trust instead of the JDK's: a PKCS12 or JKS trust store (with
     * {@link #trustStorePassword(String)} if it has one) or PEM certificates. Read and checked when
     * the config is built. Default none.
     *
     * @param file the file, or {@code null} for none
     * @return this builder
     */
    public Builder trustStore(Path file) {
      return set(Settings.TRUST_STORE, file);
    }

    /**
     * The password of {@link #trustStore(Path)}. Default none.
     *
     * @param password the password, or {@code null} for none
     * @return this builder
     */
    public Builder trustStorePassword(String password) {
      return set(Settings.TRUST_STORE_PASSWORD, password);
    }

    /**
     * The proxy for every request, such as {@code ProxySelector.of(new
     * InetSocketAddress("proxy.example.com", 3128))}. HTTPS goes through it with {@code CONNECT}.
     * Default none: the JDK's default selector, which honours the standard {@code https.proxyHost},
     * {@code https.proxyPort}, {@code http.proxyHost}, {@code http.proxyPort} and {@code
     * http.nonProxyHosts} properties.
     *
     * @param proxy the selector, or {@code null} for the JDK's default
     * @return this builder
     */
    public Builder proxy(ProxySelector proxy) {
      return set(Settings.PROXY, proxy);
    }

    /**
     * The user name given to a proxy that answers 407 (Basic authentication); never to the
     * endpoint. For HTTPS through a proxy the JDK refuses Basic on tunnels unless the JVM is
     * started with {@code -Djdk.http.auth.tunneling.disabledSchemes=} (see
     * docs/network-and-security.md). Default none.
     *
     * @param user the user name, or {@code null} for none
     * @return this builder
     */
    public Builder proxyUser(String user) {
      return set(Settings.PROXY_USER, user);
    }

    /**
     * The password of {@link #proxyUser(String)}. Default none.
     *
     * @param password the password, or {@code null} for none
     * @return this builder
     */
    public Builder proxyPassword(String password) {
      return set(Settings.PROXY_PASSWORD, password);
    }

    /**
     * Fixed headers for every request, replacing any set before. Default none.
     *
     * @param headers header name to value; not {@code Host}, {@code Content-Type}, {@code
     *     Content-Length}, {@code Connection}, {@code Expect}, {@code Upgrade} or the signature
     *     headers
     * @return this builder
     */
    public Builder headers(Map<String, String> headers) {
      Objects.requireNonNull(headers, "headers");
      return set(Settings.HEADERS, Collections.unmodifiableMap(new LinkedHashMap<>(headers)));
    }

    /**
     * Adds a fixed header to every request, such as {@code header("Authorization", "Bearer " +
     * token)}; a second call with the same name replaces the value. Its value is never shown.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    public Builder header(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(Settings.HEADERS.get(values));
      copy.put(name, value);
      return set(Settings.HEADERS, Collections.unmodifiableMap(copy));
    }

    /**
     * Signs each request: adds {@code X-Optimove-Signature-Version: 1} and {@code
     * X-Optimove-Signature-Content}, the lower-case hex HMAC-SHA256 of the exact body bytes keyed
     * by the UTF-8 bytes of {@code key}. Default none (not signed).
     *
     * @param key the shared secret, or {@code null} for none
     * @return this builder
     */
    public Builder signingKey(String key) {
      return set(Settings.SIGNING_KEY, key);
    }

    /**
     * Adds whatever else your endpoint demands to each request, after the fixed headers and the
     * signature. Default none.
     *
     * @param authenticator the authenticator, or {@code null} for none
     * @return this builder
     */
    public Builder requestAuthenticator(RequestAuthenticator authenticator) {
      return set(Settings.REQUEST_AUTHENTICATOR, authenticator);
    }

    /**
     * A listener for each event's outcome. Default none.
     *
     * @param listener the listener, or {@code null} for none
     * @return this builder
     */
    public Builder deliveryListener(DeliveryListener listener) {
      return set(Settings.DELIVERY_LISTENER, listener);
    }

    /**
     * Checks every setting and builds the config.
     *
     * @return the config
     * @throws OptimoveConfigException naming the first setting that is missing or invalid
     */
    public OptimoveConfig build() {
      return new OptimoveConfig(this);
    }
  }
}
