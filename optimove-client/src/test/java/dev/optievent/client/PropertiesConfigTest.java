package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link OptimoveConfig#fromProperties}: Spring-style names, the table's parsers and checks. */
class PropertiesConfigTest {

  private static Map<String, String> required() {
    Map<String, String> p = new HashMap<>();
    p.put("optimove.endpoint", "https://events.example/v1");
    p.put("optimove.tenant", "42");
    return p;
  }

  @Test
  void readsEverySettingByItsKebabCaseProperty() {
    Map<String, String> p = required();
    p.put("optimove.request-timeout", "5s");
    p.put("optimove.max-queue-bytes", "2MiB");
    p.put("optimove.queue-capacity", "7");
    p.put("optimove.overflow-policy", "drop_oldest");

    OptimoveConfig config = OptimoveConfig.fromProperties(p::get);

    assertThat(config.tenant()).isEqualTo(42);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxQueueBytes()).isEqualTo(2L << 20);
    assertThat(config.queueCapacity()).isEqualTo(7);
    assertThat(config.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5)); // default kept
  }

  @Test
  void namesThePropertyOfAValueThatCannotBeParsed() {
    Map<String, String> p = required();
    p.put("optimove.request-timeout", "soon");

    assertThatThrownBy(() -> OptimoveConfig.fromProperties(p::get))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageStartingWith("optimove.request-timeout is 'soon' but must be a duration")
        .satisfies(
            e ->
                assertThat(((OptimoveConfigException) e).propertyName())
                    .hasValue("optimove.request-timeout"));
  }

  @Test
  void aMissingOrInvalidRequiredSettingCarriesItsProperty() {
    assertThatThrownBy(() -> OptimoveConfig.fromProperties(Map.of("optimove.tenant", "1")::get))
        .isInstanceOf(OptimoveConfigException.class)
        .satisfies(
            e ->
                assertThat(((OptimoveConfigException) e).propertyName())
                    .hasValue("optimove.endpoint"));
    Map<String, String> p = required();
    p.put("optimove.tenant", "-3");
    assertThatThrownBy(() -> OptimoveConfig.fromProperties(p::get))
        .satisfies(
            e ->
                assertThat(((OptimoveConfigException) e).propertyName())
                    .hasValue("optimove.tenant"));
  }

  @Test
  void codeCanStillSetWhatThePropertiesLeaveOut() {
    OptimoveConfig config =
        OptimoveConfig.builder()
            .properties(Map.of("optimove.tenant", "9")::get)
            .endpoint("https://events.example/v1")
            .build();

    assertThat(config.tenant()).isEqualTo(9);
  }
}
