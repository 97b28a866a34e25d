package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad setting fails at start-up with a message naming the setting and the problem. */
class OptimoveConfigTest {

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void readsTheRequiredSettingsAndDefaultsTheRest() {
    OptimoveConfig config =
        OptimoveConfig.fromEnvironment(
            env("OPTIMOVE_ENDPOINT", "https://api.example.com/events", "OPTIMOVE_TENANT", "999"));

    assertThat(config.endpoint()).isEqualTo(URI.create("https://api.example.com/events"));
    assertThat(config.tenant()).isEqualTo(999);
    assertThat(config.queueCapacity()).isEqualTo(10_000);
    assertThat(config.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_NEWEST);
    assertThat(config.maxParameters()).isEqualTo(50);
    assertThat(config.maxTextLength()).isEqualTo(255);
    assertThat(config.catalog()).isEmpty();
  }

  @Test
  void readsOptionalSettings() {
    OptimoveConfig config =
        OptimoveConfig.fromEnvironment(
            env(
                "OPTIMOVE_ENDPOINT",
                "http://127.0.0.1:8080/e",
                "OPTIMOVE_TENANT",
                "7",
                "OPTIMOVE_REQUEST_TIMEOUT",
                "250ms",
                "OPTIMOVE_SHUTDOWN_TIMEOUT",
                "PT3S",
                "OPTIMOVE_QUEUE_CAPACITY",
                "500",
                "OPTIMOVE_OVERFLOW_POLICY",
                "drop_oldest",
                "OPTIMOVE_SHUTDOWN_HOOK",
                "true",
                "OPTIMOVE_MAX_TEXT_LENGTH",
                "4000"));

    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.queueCapacity()).isEqualTo(500);
    assertThat(config.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
    assertThat(config.shutdownHook()).isTrue();
    assertThat(config.maxTextLength()).isEqualTo(4000);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "OPTIMOVE_TENANT | 0 | tenant (OPTIMOVE_TENANT) is 0 but must be a positive integer",
        "OPTIMOVE_TENANT | -5 | tenant (OPTIMOVE_TENANT) is -5 but must be a positive integer",
        "OPTIMOVE_TENANT | abc | OPTIMOVE_TENANT is 'abc' but must be a positive integer",
        "OPTIMOVE_ENDPOINT | http://api.example.com/e | uses plain http to a non-loopback host: use https",
        "OPTIMOVE_ENDPOINT | ftp://api.example.com/e | has scheme 'ftp': use https",
        "OPTIMOVE_ENDPOINT | /relative/path | must be an absolute URL with a host",
        "OPTIMOVE_ENDPOINT | https://exa mple.com | is not a valid URL",
        "OPTIMOVE_QUEUE_CAPACITY | 0 | queueCapacity (OPTIMOVE_QUEUE_CAPACITY) is 0 but must be at least 1",
        "OPTIMOVE_REQUEST_TIMEOUT | soon | OPTIMOVE_REQUEST_TIMEOUT is 'soon' but must be a duration",
        "OPTIMOVE_OVERFLOW_POLICY | WAIT | OPTIMOVE_OVERFLOW_POLICY is 'WAIT' but must be one of [DROP_NEWEST, DROP_OLDEST, BLOCK]",
        "OPTIMOVE_CATALOG | /no/such/catalog.json | catalog (OPTIMOVE_CATALOG) '/no/such/catalog.json' is not a readable file",
      })
  void aBadSettingFailsWithAMessageNamingItAndTheProblem(
      String name, String value, String message) {
    Map<String, String> env =
        env("OPTIMOVE_ENDPOINT", "https://api.example.com/events", "OPTIMOVE_TENANT", "999");
    env.put(name, value);

    assertThatThrownBy(() -> OptimoveConfig.fromEnvironment(env))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void missingRequiredSettingsAreNamed() {
    assertThatThrownBy(() -> OptimoveConfig.fromEnvironment(env("OPTIMOVE_TENANT", "1")))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining("OPTIMOVE_ENDPOINT is not set");
    assertThatThrownBy(
            () ->
                OptimoveConfig.fromEnvironment(
                    env("OPTIMOVE_ENDPOINT", "https://api.example.com/e")))
        .hasMessageContaining("OPTIMOVE_TENANT is not set");
    assertThatThrownBy(() -> OptimoveConfig.builder().tenant(1).build())
        .hasMessageContaining("endpoint (OPTIMOVE_ENDPOINT) is missing");
  }

  @ParameterizedTest
  @CsvSource({
    "http://localhost:8080/e",
    "http://127.0.0.1/e",
    "http://[::1]:9000/e",
    "https://api.example.com/e"
  })
  void allowsPlainHttpOnlyForLoopback(String endpoint) {
    assertThat(OptimoveConfig.builder().endpoint(endpoint).tenant(1).build().endpoint())
        .isEqualTo(URI.create(endpoint));
  }

  @Test
  void retryMaxDelayMayNotBeShorterThanTheBase() {
    assertThatThrownBy(
            () ->
                OptimoveConfig.builder()
                    .endpoint("https://a.example/e")
                    .tenant(1)
                    .retryBaseDelay(Duration.ofSeconds(2))
                    .retryMaxDelay(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("retryMaxDelay (OPTIMOVE_RETRY_MAX_DELAY)");
  }

  @Test
  void toStringShowsEverySettingButNoSecretFromTheEndpoint() {
    OptimoveConfig config =
        OptimoveConfig.builder()
            .endpoint("https://user:s3cret@api.example.com:8443/v1/events?token=t0ken#frag")
            .tenant(999)
            .build();

    assertThat(config.toString())
        .startsWith("OptimoveConfig{endpoint=https://api.example.com:8443/v1/events, tenant=999,")
        .contains("requestTimeout=PT10S", "overflowPolicy=DROP_NEWEST", "deliveryListener=none")
        .doesNotContain("user", "s3cret", "token", "t0ken", "frag");
  }
}
