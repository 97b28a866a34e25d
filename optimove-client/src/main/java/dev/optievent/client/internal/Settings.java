package dev.optievent.client.internal;

import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.OptimoveConfigException;
import dev.optievent.client.OverflowPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and parses {@link OptimoveConfig} settings. Internal: not for use outside this library.
 */
public final class Settings {

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Settings() {}

  /** Parses the endpoint string, naming the setting when it is not a URL at all. */
  public static URI parseEndpoint(String value) {
    if (value == null || value.isBlank()) {
      throw new OptimoveConfigException(
          "endpoint (OPTIMOVE_ENDPOINT) is missing: set it to the URL Optimove gave you");
    }
    try {
      return new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new OptimoveConfigException(
          "endpoint (OPTIMOVE_ENDPOINT) '" + value + "' is not a valid URL: " + e.getReason(), e);
    }
  }

  /** An absolute https URL, or http to a loopback host. */
  public static URI checkEndpoint(URI endpoint) {
    if (endpoint == null) {
      throw new OptimoveConfigException(
          "endpoint (OPTIMOVE_ENDPOINT) is missing: set it to the URL Optimove gave you");
    }
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!endpoint.isAbsolute() || endpoint.getHost() == null) {
      throw new OptimoveConfigException(
          "endpoint (OPTIMOVE_ENDPOINT) '"
              + endpoint
              + "' must be an absolute URL with a host, such as https://host/path");
    }
    if (scheme.equals("https")) {
      return endpoint;
    }
    if (scheme.equals("http")) {
      if (isLoopback(endpoint.getHost())) {
        return endpoint;
      }
      throw new OptimoveConfigException(
          "endpoint (OPTIMOVE_ENDPOINT) '"
              + endpoint
              + "' uses plain http to a non-loopback host: use https (plain http is allowed only for"
              + " localhost/127.0.0.1/[::1])");
    }
    throw new OptimoveConfigException(
        "endpoint (OPTIMOVE_ENDPOINT) '"
            + endpoint
            + "' has scheme '"
            + endpoint.getScheme()
            + "': use https");
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

  /** The tenant is required and positive. */
  public static long checkTenant(Long tenant) {
    if (tenant == null) {
      throw new OptimoveConfigException(
          "tenant (OPTIMOVE_TENANT) is missing: set it to the tenant ID Optimove gave you");
    }
    if (tenant <= 0) {
      throw new OptimoveConfigException(
          "tenant (OPTIMOVE_TENANT) is " + tenant + " but must be a positive integer");
    }
    return tenant;
  }

  /** A required, strictly positive duration. */
  public static Duration positive(String name, String env, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new OptimoveConfigException(
          name + " (" + env + ") is " + value + " but must be a positive duration");
    }
    return value;
  }

  /** A required duration that may be zero. */
  public static Duration notNegative(String name, String env, Duration value) {
    if (value == null || value.isNegative()) {
      throw new OptimoveConfigException(
          name + " (" + env + ") is " + value + " but must be zero or positive");
    }
    return value;
  }

  /** An int with a lower bound. */
  public static int atLeast(String name, String env, int value, int min) {
    if (value < min) {
      throw new OptimoveConfigException(
          name + " (" + env + ") is " + value + " but must be at least " + min);
    }
    return value;
  }

  /** An optional catalog path that must name a readable file. */
  public static Path checkCatalogPath(Path catalog) {
    if (catalog != null && !Files.isReadable(catalog)) {
      throw new OptimoveConfigException(
          "catalog (OPTIMOVE_CATALOG) '"
              + catalog
              + "' is not a readable file: fix the path or leave the setting out");
    }
    return catalog;
  }

  /** Applies each OPTIMOVE_* variable that is set to the builder. */
  public static OptimoveConfig.Builder readEnvironment(
      Map<String, String> env, OptimoveConfig.Builder b) {
    String endpoint = env.get(OptimoveConfig.ENV_ENDPOINT);
    if (endpoint == null || endpoint.isBlank()) {
      throw new OptimoveConfigException(
          "OPTIMOVE_ENDPOINT is not set: set it to the URL Optimove gave you");
    }
    b.endpoint(endpoint);
    String tenant = env.get(OptimoveConfig.ENV_TENANT);
    if (tenant == null || tenant.isBlank()) {
      throw new OptimoveConfigException(
          "OPTIMOVE_TENANT is not set: set it to the tenant ID Optimove gave you");
    }
    b.tenant(parse(OptimoveConfig.ENV_TENANT, tenant, Long::parseLong, "a positive integer"));
    apply(env, "OPTIMOVE_CONNECT_TIMEOUT", Settings::duration, b::connectTimeout);
    apply(env, "OPTIMOVE_REQUEST_TIMEOUT", Settings::duration, b::requestTimeout);
    apply(env, "OPTIMOVE_QUEUE_CAPACITY", Integer::parseInt, b::queueCapacity);
    apply(env, "OPTIMOVE_OVERFLOW_POLICY", Settings::policy, b::overflowPolicy);
    apply(env, "OPTIMOVE_BLOCK_TIMEOUT", Settings::duration, b::blockTimeout);
    apply(env, "OPTIMOVE_MAX_IN_FLIGHT", Integer::parseInt, b::maxInFlight);
    apply(env, "OPTIMOVE_MAX_ATTEMPTS", Integer::parseInt, b::maxAttempts);
    apply(env, "OPTIMOVE_RETRY_BASE_DELAY", Settings::duration, b::retryBaseDelay);
    apply(env, "OPTIMOVE_RETRY_MAX_DELAY", Settings::duration, b::retryMaxDelay);
    apply(env, "OPTIMOVE_RETRY_AFTER_CAP", Settings::duration, b::retryAfterCap);
    apply(env, "OPTIMOVE_MAX_EVENT_AGE", Settings::duration, b::maxEventAge);
    apply(env, "OPTIMOVE_SHUTDOWN_TIMEOUT", Settings::duration, b::shutdownTimeout);
    apply(env, "OPTIMOVE_SHUTDOWN_HOOK", Settings::bool, b::shutdownHook);
    apply(env, "OPTIMOVE_MAX_PARAMETERS", Integer::parseInt, b::maxParameters);
    apply(env, "OPTIMOVE_MAX_TEXT_LENGTH", Integer::parseInt, b::maxTextLength);
    apply(env, "OPTIMOVE_CATALOG", Path::of, b::catalog);
    return b;
  }

  private static <T> void apply(
      Map<String, String> env, String name, Function<String, T> parser, Consumer<T> setter) {
    String raw = env.get(name);
    if (raw != null && !raw.isBlank()) {
      setter.accept(parse(name, raw.trim(), parser, expected(name)));
    }
  }

  private static String expected(String name) {
    if (name.endsWith("_TIMEOUT")
        || name.endsWith("_DELAY")
        || name.endsWith("_CAP")
        || name.endsWith("_AGE")) {
      return "a duration such as 250ms, 5s, 2m, 1h or PT5S";
    }
    if (name.endsWith("_POLICY")) {
      return "one of " + Arrays.toString(OverflowPolicy.values());
    }
    if (name.endsWith("_HOOK")) {
      return "true or false";
    }
    if (name.endsWith("_CATALOG")) {
      return "a file path";
    }
    return "an integer";
  }

  private static <T> T parse(String name, String raw, Function<String, T> parser, String expected) {
    try {
      return parser.apply(raw.trim());
    } catch (RuntimeException e) {
      throw new OptimoveConfigException(name + " is '" + raw + "' but must be " + expected, e);
    }
  }

  /** Parses 250ms, 5s, 2m, 1h or an ISO-8601 duration. */
  public static Duration duration(String raw) {
    Matcher m = SIMPLE_DURATION.matcher(raw.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        default:
          return Duration.ofHours(n);
      }
    }
    try {
      return Duration.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration", e);
    }
  }

  private static OverflowPolicy policy(String raw) {
    return OverflowPolicy.valueOf(raw.trim().toUpperCase(Locale.ROOT));
  }

  private static Boolean bool(String raw) {
    if (raw.equalsIgnoreCase("true")) {
      return true;
    }
    if (raw.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }
}
