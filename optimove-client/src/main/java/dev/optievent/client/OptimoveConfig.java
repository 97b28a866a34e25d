package dev.optievent.client;

import dev.optievent.client.internal.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * <p>The README has the full table of settings, their environment variables and defaults.
 */
public final class OptimoveConfig {

  /** Environment variable of {@link Builder#endpoint(URI)}. */
  public static final String ENV_ENDPOINT = "OPTIMOVE_ENDPOINT";

  /** Environment variable of {@link Builder#tenant(long)}. */
  public static final String ENV_TENANT = "OPTIMOVE_TENANT";

  private final URI endpoint;
  private final long tenant;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int queueCapacity;
  private final OverflowPolicy overflowPolicy;
  private final Duration blockTimeout;
  private final int maxInFlight;
  private final int maxAttempts;
  private final Duration retryBaseDelay;
  private final Duration retryMaxDelay;
  private final Duration retryAfterCap;
  private final Duration maxEventAge;
  private final Duration shutdownTimeout;
  private final boolean shutdownHook;
  private final int maxParameters;
  private final int maxTextLength;
  private final Path catalog;
  private final DeliveryListener deliveryListener;

  private OptimoveConfig(Builder b) {
    this.endpoint = Settings.checkEndpoint(b.endpoint);
    this.tenant = Settings.checkTenant(b.tenant);
    this.connectTimeout =
        Settings.positive("connectTimeout", "OPTIMOVE_CONNECT_TIMEOUT", b.connectTimeout);
    this.requestTimeout =
        Settings.positive("requestTimeout", "OPTIMOVE_REQUEST_TIMEOUT", b.requestTimeout);
    this.queueCapacity =
        Settings.atLeast("queueCapacity", "OPTIMOVE_QUEUE_CAPACITY", b.queueCapacity, 1);
    this.overflowPolicy = Objects.requireNonNull(b.overflowPolicy, "overflowPolicy");
    this.blockTimeout =
        Settings.notNegative("blockTimeout", "OPTIMOVE_BLOCK_TIMEOUT", b.blockTimeout);
    this.maxInFlight = Settings.atLeast("maxInFlight", "OPTIMOVE_MAX_IN_FLIGHT", b.maxInFlight, 1);
    this.maxAttempts = Settings.atLeast("maxAttempts", "OPTIMOVE_MAX_ATTEMPTS", b.maxAttempts, 1);
    this.retryBaseDelay =
        Settings.positive("retryBaseDelay", "OPTIMOVE_RETRY_BASE_DELAY", b.retryBaseDelay);
    this.retryMaxDelay =
        Settings.positive("retryMaxDelay", "OPTIMOVE_RETRY_MAX_DELAY", b.retryMaxDelay);
    if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
      throw new OptimoveConfigException(
          "retryMaxDelay (OPTIMOVE_RETRY_MAX_DELAY) is "
              + retryMaxDelay
              + " but must not be shorter than retryBaseDelay ("
              + retryBaseDelay
              + ")");
    }
    this.retryAfterCap =
        Settings.positive("retryAfterCap", "OPTIMOVE_RETRY_AFTER_CAP", b.retryAfterCap);
    this.maxEventAge = Settings.positive("maxEventAge", "OPTIMOVE_MAX_EVENT_AGE", b.maxEventAge);
    this.shutdownTimeout =
        Settings.notNegative("shutdownTimeout", "OPTIMOVE_SHUTDOWN_TIMEOUT", b.shutdownTimeout);
    this.shutdownHook = b.shutdownHook;
    this.maxParameters =
        Settings.atLeast("maxParameters", "OPTIMOVE_MAX_PARAMETERS", b.maxParameters, 1);
    this.maxTextLength =
        Settings.atLeast("maxTextLength", "OPTIMOVE_MAX_TEXT_LENGTH", b.maxTextLength, 1);
    this.catalog = Settings.checkCatalogPath(b.catalog);
    this.deliveryListener = b.deliveryListener;
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
   * OPTIMOVE_TENANT} are required; the optional ones are listed in the README.
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
    return Settings.readEnvironment(env, builder()).build();
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
    Builder b = new Builder();
    b.endpoint = endpoint;
    b.tenant = tenant;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.queueCapacity = queueCapacity;
    b.overflowPolicy = overflowPolicy;
    b.blockTimeout = blockTimeout;
    b.maxInFlight = maxInFlight;
    b.maxAttempts = maxAttempts;
    b.retryBaseDelay = retryBaseDelay;
    b.retryMaxDelay = retryMaxDelay;
    b.retryAfterCap = retryAfterCap;
    b.maxEventAge = maxEventAge;
    b.shutdownTimeout = shutdownTimeout;
    b.shutdownHook = shutdownHook;
    b.maxParameters = maxParameters;
    b.maxTextLength = maxTextLength;
    b.catalog = catalog;
    b.deliveryListener = deliveryListener;
    return b;
  }

  /**
   * @return the Optimove endpoint events are POSTed to
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * @return the Optimove tenant ID
   */
  public long tenant() {
    return tenant;
  }

  /**
   * @return the TCP connect timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * @return how long one request may take before it counts as timed out (and is retried)
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * @return the most events held in memory waiting to be sent
   */
  public int queueCapacity() {
    return queueCapacity;
  }

  /**
   * @return what happens when the queue is full
   */
  public OverflowPolicy overflowPolicy() {
    return overflowPolicy;
  }

  /**
   * @return with {@link OverflowPolicy#BLOCK}, the longest a caller waits for room
   */
  public Duration blockTimeout() {
    return blockTimeout;
  }

  /**
   * @return the most requests in flight at once
   */
  public int maxInFlight() {
    return maxInFlight;
  }

  /**
   * @return the most attempts per event, the first one included
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * @return the base of the exponential backoff between attempts
   */
  public Duration retryBaseDelay() {
    return retryBaseDelay;
  }

  /**
   * @return the longest backoff between attempts
   */
  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  /**
   * @return the longest {@code Retry-After} the client honours
   */
  public Duration retryAfterCap() {
    return retryAfterCap;
  }

  /**
   * @return after this long since it was accepted, an undelivered event is dropped as expired
   */
  public Duration maxEventAge() {
    return maxEventAge;
  }

  /**
   * @return how long {@link OptimoveClient#close()} waits for queued events to be delivered
   */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * @return whether the client registers a JVM shutdown hook that closes it
   */
  public boolean shutdownHook() {
    return shutdownHook;
  }

  /**
   * @return the most context parameters per event
   */
  public int maxParameters() {
    return maxParameters;
  }

  /**
   * @return the longest text value, in characters
   */
  public int maxTextLength() {
    return maxTextLength;
  }

  /**
   * @return the event catalog file, if one is configured
   */
  public Optional<Path> catalog() {
    return Optional.ofNullable(catalog);
  }

  /**
   * @return the listener that hears each event's outcome, if one is set
   */
  public Optional<DeliveryListener> deliveryListener() {
    return Optional.ofNullable(deliveryListener);
  }

  @Override
  public String toString() {
    return "OptimoveConfig{endpoint="
        + endpoint
        + ", tenant="
        + tenant
        + ", queueCapacity="
        + queueCapacity
        + ", overflowPolicy="
        + overflowPolicy
        + ", maxInFlight="
        + maxInFlight
        + ", maxAttempts="
        + maxAttempts
        + ", requestTimeout="
        + requestTimeout
        + ", shutdownTimeout="
        + shutdownTimeout
        + "}";
  }

  /** Collects settings for an {@link OptimoveConfig}. Not thread-safe. */
  public static final class Builder {
    private URI endpoint;
    private Long tenant;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int queueCapacity = 10_000;
    private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_NEWEST;
    private Duration blockTimeout = Duration.ofMillis(100);
    private int maxInFlight = 64;
    private int maxAttempts = 6;
    private Duration retryBaseDelay = Duration.ofMillis(200);
    private Duration retryMaxDelay = Duration.ofSeconds(30);
    private Duration retryAfterCap = Duration.ofSeconds(60);
    private Duration maxEventAge = Duration.ofMinutes(10);
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private boolean shutdownHook;
    private int maxParameters = 50;
    private int maxTextLength = 255;
    private Path catalog;
    private DeliveryListener deliveryListener;

    private Builder() {}

    /**
     * The endpoint Optimove gave you (required). Must be an absolute {@code https} URL; plain
     * {@code http} is allowed only for loopback hosts (tests, local fakes).
     *
     * @param endpoint the URL
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * The endpoint as a string; see {@link #endpoint(URI)}.
     *
     * @param endpoint the URL
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      this.endpoint = Settings.parseEndpoint(endpoint);
      return this;
    }

    /**
     * Your Optimove tenant ID (required, a positive integer).
     *
     * @param tenant the tenant ID
     * @return this builder
     */
    public Builder tenant(long tenant) {
      this.tenant = tenant;
      return this;
    }

    /**
     * TCP connect timeout. Default 5 s.
     *
     * @param timeout positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Per-request timeout; a timed-out request is retried. Default 10 s.
     *
     * @param timeout positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Most events held in memory. Default 10,000.
     *
     * @param capacity at least 1
     * @return this builder
     */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * What to do when the queue is full. Default {@link OverflowPolicy#DROP_NEWEST}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder overflowPolicy(OverflowPolicy policy) {
      this.overflowPolicy = policy;
      return this;
    }

    /**
     * With {@link OverflowPolicy#BLOCK}, the longest a caller waits for room. Default 100 ms.
     *
     * @param timeout zero or positive
     * @return this builder
     */
    public Builder blockTimeout(Duration timeout) {
      this.blockTimeout = timeout;
      return this;
    }

    /**
     * Most requests in flight at once. Default 64 (1,000 events/s at 50 ms per request needs about
     * 50).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxInFlight(int max) {
      this.maxInFlight = max;
      return this;
    }

    /**
     * Most attempts per event, the first included. Default 6.
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Base of the exponential backoff (full jitter). Default 200 ms.
     *
     * @param delay positive duration
     * @return this builder
     */
    public Builder retryBaseDelay(Duration delay) {
      this.retryBaseDelay = delay;
      return this;
    }

    /**
     * Longest backoff between attempts. Default 30 s.
     *
     * @param delay positive, not shorter than the base delay
     * @return this builder
     */
    public Builder retryMaxDelay(Duration delay) {
      this.retryMaxDelay = delay;
      return this;
    }

    /**
     * Longest {@code Retry-After} honoured; longer values are cut to this. Default 60 s.
     *
     * @param cap positive duration
     * @return this builder
     */
    public Builder retryAfterCap(Duration cap) {
      this.retryAfterCap = cap;
      return this;
    }

    /**
     * An event not delivered this long after it was accepted is dropped as {@code expired}. Default
     * 10 min.
     *
     * @param age positive duration
     * @return this builder
     */
    public Builder maxEventAge(Duration age) {
      this.maxEventAge = age;
      return this;
    }

    /**
     * How long {@code close()} waits for queued events. Default 10 s.
     *
     * @param timeout zero or positive
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * Register a JVM shutdown hook that closes the client. Default off.
     *
     * @param enabled whether to register it
     * @return this builder
     */
    public Builder shutdownHook(boolean enabled) {
      this.shutdownHook = enabled;
      return this;
    }

    /**
     * Most context parameters per event (the vendor documents 50). Default 50.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxParameters(int max) {
      this.maxParameters = max;
      return this;
    }

    /**
     * Longest text value in characters (the vendor documents 255; some accounts allow 4,000).
     * Default 255.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxTextLength(int max) {
      this.maxTextLength = max;
      return this;
    }

    /**
     * An event catalog (JSON) that events are checked against before they are queued. Default none.
     *
     * @param file a readable JSON file, or {@code null} for none
     * @return this builder
     */
    public Builder catalog(Path file) {
      this.catalog = file;
      return this;
    }

    /**
     * A listener for each event's outcome. Default none.
     *
     * @param listener the listener, or {@code null} for none
     * @return this builder
     */
    public Builder deliveryListener(DeliveryListener listener) {
      this.deliveryListener = listener;
      return this;
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
