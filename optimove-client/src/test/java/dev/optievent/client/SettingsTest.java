package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.internal.config.SettingParsers;
import dev.optievent.testing.TestCertificates;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of settings is the one place each setting is defined: the builder, the getters, {@code
 * fromEnvironment}, {@code toBuilder} and {@code toString} all follow it.
 */
class SettingsTest {

  @TempDir static Path dir;
  private static Path catalog;
  private static Path trustStore;
  private static javax.net.ssl.SSLContext sslContext;

  @BeforeAll
  static void writeCatalog() throws Exception {
    catalog = Files.writeString(dir.resolve("catalog.json"), "{\"events\":{}}");
    TestCertificates.Authority ca = TestCertificates.authority("Settings Test CA");
    trustStore = ca.writePem();
    sslContext = ca.clientContext();
  }

  /** What a setting needs beside it: a proxy password goes with a user. */
  private static OptimoveConfig.Builder withCompanions(OptimoveConfig.Builder b, Setting<?> s) {
    return s == Settings.PROXY_PASSWORD ? b.proxyUser("user") : b;
  }

  static Stream<Setting<?>> settings() {
    return Settings.ALL.stream();
  }

  static Stream<Setting<?>> settingsInTheEnvironment() {
    return settings().filter(s -> s.env().isPresent());
  }

  private static Map<String, String> required() {
    Map<String, String> env = new HashMap<>();
    env.put("OPTIMOVE_ENDPOINT", "https://api.example.com/events");
    env.put("OPTIMOVE_TENANT", "999");
    return env;
  }

  private static OptimoveConfig.Builder minimal() {
    return OptimoveConfig.builder().endpoint("https://api.example.com/events").tenant(999);
  }

  /** A valid value of the setting that is not its default. */
  private static Object sample(Setting<?> s) {
    Object d = s.defaultValue();
    if (s.type() == URI.class) {
      return URI.create("https://other.example.com:8443/e");
    }
    if (s == Settings.SPOOL_MAX_BYTES) {
      return 1L << 20;
    }
    if (s == Settings.SPOOL_DIRECTORY) {
      return Path.of(System.getProperty("java.io.tmpdir"), "optievent-spool-sample");
    }
    if (s.type() == Long.class) {
      return 12345L;
    }
    if (s.type() == Duration.class) {
      return ((Duration) d).plusSeconds(1);
    }
    if (s.type() == Integer.class) {
      return (Integer) d + 1;
    }
    if (s.type() == Boolean.class) {
      return !(Boolean) d;
    }
    if (s.type() == OverflowPolicy.class) {
      return OverflowPolicy.BLOCK;
    }
    if (s == Settings.TRUST_STORE) {
      return trustStore;
    }
    if (s.type() == Path.class) {
      return catalog;
    }
    if (s.type() == String.class) {
      return "secret-" + s.name();
    }
    if (s.type() == java.net.ProxySelector.class) {
      return Settings.parseProxy("http://proxy.example.com:3128");
    }
    if (s.type() == Map.class) {
      return Map.of("Authorization", "Bearer t0ken");
    }
    if (s.type() == javax.net.ssl.SSLContext.class) {
      return sslContext;
    }
    if (s.type() == RequestAuthenticator.class) {
      return (RequestAuthenticator) request -> request.header("X-Test", "1");
    }
    if (s.type() == DeliveryListener.class) {
      return new DeliveryListener() {};
    }
    throw new AssertionError("no sample for " + s + ": add one to this test");
  }

  private static Method builderMethod(Setting<?> s) {
    return Arrays.stream(OptimoveConfig.Builder.class.getMethods())
        .filter(m -> m.getName().equals(s.name()) && m.getParameterCount() == 1)
        .filter(m -> boxed(m.getParameterTypes()[0]) == s.type())
        .findFirst()
        .orElseThrow(() -> new AssertionError("Builder has no " + s.name() + "(" + s.type() + ")"));
  }

  private static Object get(OptimoveConfig config, Setting<?> s) throws Exception {
    Object value = OptimoveConfig.class.getMethod(s.name()).invoke(config);
    return value instanceof Optional ? ((Optional<?>) value).orElse(null) : value;
  }

  private static Class<?> boxed(Class<?> type) {
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    return type;
  }

  @Test
  void eachSettingsIndexIsItsPositionInTheTable() {
    for (int i = 0; i < Settings.ALL.size(); i++) {
      assertThat(Settings.ALL.get(i).index()).as(Settings.ALL.get(i).name()).isEqualTo(i);
    }
  }

  @Test
  void namesAndVariablesAreUnique() {
    List<String> names = settings().map(Setting::name).collect(Collectors.toList());
    List<String> envs = settings().flatMap(s -> s.env().stream()).collect(Collectors.toList());

    assertThat(names).doesNotHaveDuplicates();
    assertThat(envs).doesNotHaveDuplicates().allMatch(e -> e.startsWith("OPTIMOVE_"));
    assertThat(Settings.ENDPOINT.env()).contains(OptimoveConfig.ENV_ENDPOINT);
    assertThat(Settings.TENANT.env()).contains(OptimoveConfig.ENV_TENANT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void aConfigWithNothingSetHasTheDefault(Setting<?> s) throws Exception {
    if (!s.required()) {
      assertThat(get(minimal().build(), s)).isEqualTo(s.defaultValue());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void theBuilderMethodSetsWhatTheGetterAndToBuilderReturn(Setting<?> s) throws Exception {
    Object value = sample(s);
    OptimoveConfig.Builder builder = withCompanions(minimal(), s);
    builderMethod(s).invoke(builder, value);
    OptimoveConfig config = builder.build();

    assertThat(get(config, s)).isEqualTo(value);
    assertThat(get(config.toBuilder().build(), s)).isEqualTo(value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settingsInTheEnvironment")
  void fromEnvironmentReadsTheVariable(Setting<?> s) throws Exception {
    Object value = sample(s);
    Map<String, String> env = required();
    env.put(s.env().orElseThrow(), SettingParsers.text(value));
    if (s == Settings.PROXY_PASSWORD) {
      env.put("OPTIMOVE_PROXY_USER", "user");
    }

    assertThat(get(OptimoveConfig.fromEnvironment(env), s)).isEqualTo(value);
  }

  /** Free text (a password, a key) has no bad value. */
  static Stream<Setting<?>> settingsInTheEnvironmentThatCanBeWrong() {
    // Any text names a directory the spool could create: spoolDirectory has no wrong text.
    return settingsInTheEnvironment()
        .filter(s -> s.type() != String.class && s != Settings.SPOOL_DIRECTORY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settingsInTheEnvironmentThatCanBeWrong")
  void aBadValueIsReportedWithTheVariablesName(Setting<?> s) {
    Map<String, String> env = required();
    env.put(s.env().orElseThrow(), "?bad?");

    assertThatThrownBy(() -> OptimoveConfig.fromEnvironment(env))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining(s.env().orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settingsInTheEnvironment")
  void theDefaultsTextReadsBackAsTheDefault(Setting<?> s) {
    if (s.defaultValue() != null) {
      assertThat(s.parse(s.defaultText())).isEqualTo(s.defaultValue());
    }
  }

  @Test
  void aBlankVariableLeavesTheDefault() {
    Map<String, String> env = required();
    env.put("OPTIMOVE_QUEUE_CAPACITY", "  ");

    assertThat(OptimoveConfig.fromEnvironment(env).queueCapacity()).isEqualTo(10_000);
  }

  @Test
  void defaultsAreShownAsTheReadmeShowsThem() {
    assertThat(Settings.ENDPOINT.defaultText()).isEqualTo("required");
    assertThat(Settings.REQUEST_TIMEOUT.defaultText()).isEqualTo("10s");
    assertThat(Settings.BLOCK_TIMEOUT.defaultText()).isEqualTo("100ms");
    assertThat(Settings.MAX_EVENT_AGE.defaultText()).isEqualTo("10m");
    assertThat(Settings.QUEUE_CAPACITY.defaultText()).isEqualTo("10000");
    assertThat(Settings.OVERFLOW_POLICY.defaultText()).isEqualTo("DROP_NEWEST");
    assertThat(Settings.SHUTDOWN_HOOK.defaultText()).isEqualTo("false");
    assertThat(Settings.CATALOG.defaultText()).isEqualTo("none");
    assertThat(Settings.DELIVERY_LISTENER.defaultText()).isEqualTo("none");
  }

  @ParameterizedTest
  @CsvSource({"0s, 0s", "250ms, 250ms", "1500ms, 1500ms", "90s, 90s", "60s, 1m", "120m, 2h"})
  void durationsAreWrittenInTheLargestExactUnit(String in, String out) {
    assertThat(SettingParsers.text(SettingParsers.duration(in))).isEqualTo(out);
  }

  @Test
  void durationsTooFineForMillisecondsAreWrittenInIso8601() {
    assertThat(SettingParsers.text(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    assertThat(SettingParsers.duration("PT0.0000015S")).isEqualTo(Duration.ofNanos(1500));
  }

  @Test
  void thePropertyNameIsTheNameInKebabCase() {
    assertThat(Settings.REQUEST_TIMEOUT.propertyName()).isEqualTo("optimove.request-timeout");
    assertThat(Settings.MAX_IN_FLIGHT.propertyName()).isEqualTo("optimove.max-in-flight");
    assertThat(Settings.ENDPOINT.propertyName()).isEqualTo("optimove.endpoint");
  }

  @Test
  void theLabelNamesTheVariableWhenThereIsOne() {
    assertThat(Settings.REQUEST_TIMEOUT.label())
        .isEqualTo("requestTimeout (OPTIMOVE_REQUEST_TIMEOUT)");
    assertThat(Settings.DELIVERY_LISTENER.label()).isEqualTo("deliveryListener");
  }
}
