package dev.optievent.client.internal.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the settings table reads a value from text (an environment variable, a property) and writes
 * one back as text: durations, byte sizes, booleans, and the endpoint and headers shown without
 * their secrets. Pure functions: a bad value throws {@link IllegalArgumentException}, which the
 * table turns into an {@code OptimoveConfigException} naming the setting. Internal.
 */
public final class SettingParsers {

  /** What a duration variable accepts, for error messages. */
  public static final String DURATION = "a duration such as 250ms, 5s, 2m, 1h or PT5S";

  /** What a byte size variable accepts, for error messages. */
  public static final String BYTES = "a size in bytes such as 1048576, 512KiB, 64MiB or 1GiB";

  private static final Pattern BYTE_SIZE = Pattern.compile("(\\d+)\\s*(b|kib|kb|mib|mb|gib|gb)?");

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private SettingParsers() {}

  /**
   * A value as an environment variable would spell it: {@code 10s}, {@code 100ms}, {@code 10000},
   * {@code DROP_NEWEST}, {@code false}.
   */
  public static String text(Object value) {
    if (value instanceof Duration) {
      return text((Duration) value);
    }
    if (value instanceof Enum) {
      return ((Enum<?>) value).name();
    }
    return String.valueOf(value);
  }

  private static String text(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.getNano() % 1_000_000 != 0 || d.isNegative()) {
      return d.toString();
    }
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
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

  /** Parses 1048576, 512KiB, 64MiB or 1GiB (KB, MB and GB are taken as binary too). */
  public static Long bytes(String raw) {
    Matcher m = BYTE_SIZE.matcher(raw.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a byte size");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    int shift =
        unit.startsWith("g") ? 30 : unit.startsWith("m") ? 20 : unit.startsWith("k") ? 10 : 0;
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("too large");
    }
    return n << shift;
  }

  /** A byte size in its largest exact binary unit: {@code 64MiB}, {@code 1536KiB}, {@code 1000}. */
  public static String bytesText(Long bytes) {
    String[] units = {"GiB", "MiB", "KiB"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes >= unit && bytes % unit == 0) {
        return (bytes >> shifts[i]) + units[i];
      }
    }
    return String.valueOf(bytes);
  }

  public static Boolean bool(String raw) {
    if (raw.equalsIgnoreCase("true")) {
      return true;
    }
    if (raw.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  /** The header names, their values hidden: {@code Authorization=****}; {@code none}. */
  public static String headersText(Map<String, String> headers) {
    if (headers.isEmpty()) {
      return "none";
    }
    StringJoiner j = new StringJoiner(", ", "{", "}");
    for (String name : headers.keySet()) {
      j.add(name + "=****");
    }
    return j.toString();
  }

  /**
   * The endpoint as scheme://host[:port]/path: user-info, query and fragment may carry a token, so
   * they are never printed.
   */
  public static String withoutSecrets(URI endpoint) {
    if (endpoint.getScheme() == null || endpoint.getHost() == null) {
      return "(not an absolute URL)";
    }
    String port = endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort();
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    return endpoint.getScheme() + "://" + endpoint.getHost() + port + path;
  }
}
