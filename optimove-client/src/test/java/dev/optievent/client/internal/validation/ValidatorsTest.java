package dev.optievent.client.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.Reasons;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain of checks: identity, then the catalog, then the limits; the first refusal decides. */
class ValidatorsTest {
  private static final Instant AT = Instant.parse("2024-01-02T03:04:05Z");

  private static OptimoveConfig.Builder config() {
    return OptimoveConfig.builder().endpoint(URI.create("http://127.0.0.1:9/")).tenant(1);
  }

  @Test
  void sendsAValidEventUnchanged() {
    EventValidator chain = Validators.forConfig(config().build());

    assertThat(chain.check(Event.builder("e").customer("c-1").param("a", 1).build()))
        .isSameAs(ValidationResult.unchanged());
  }

  @Test
  void sendsTheEventAsTheRulesAdjustedIt() {
    EventValidator chain = Validators.forConfig(config().build());

    ValidationResult result = chain.check(new Event("e", " c-1 ", null, AT, Map.of("a", 1)));

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(result.event()).isEqualTo(new Event("e", "c-1", null, AT, Map.of("a", 1)));
  }

  @Test
  void appliesTheConfiguredLimits() {
    EventValidator chain = Validators.forConfig(config().maxParameters(1).maxTextLength(2).build());

    assertThat(
            chain
                .check(Event.builder("e").customer("c").param("a", 1).param("b", 2).build())
                .reason())
        .isEqualTo(Reasons.TOO_MANY_PARAMETERS);
    assertThat(chain.check(Event.builder("e").customer("c").param("a", "abc").build()).reason())
        .isEqualTo(Reasons.VALUE_TOO_LONG);
  }

  @Test
  void identityIsJudgedBeforeTheContent() {
    EventValidator chain = Validators.forConfig(config().build());

    ValidationResult result = chain.check(Event.builder(" ").customer("none").build());

    assertThat(result.reason()).isEqualTo(Reasons.INVALID_CUSTOMER_ID);
  }

  @Test
  void runsTheCatalogWhenOneIsConfiguredBeforeTheLimits(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.json");
    Files.writeString(
        file,
        "{\"events\":[{\"name\":\"e\",\"parameters\":[{\"name\":\"a\",\"type\":\"text\"}]}]}");
    EventValidator chain = Validators.forConfig(config().catalog(file).maxTextLength(2).build());

    assertThat(chain.check(Event.builder("other").customer("c").build()).reason())
        .isEqualTo(Reasons.UNKNOWN_EVENT);
    ValidationResult leftOut =
        chain.check(Event.builder("e").customer("c").param("a", "ok").param("b", 1).build());
    assertThat(leftOut.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(leftOut.event().context()).containsExactly(Map.entry("a", "ok"));
    assertThat(chain.check(Event.builder("e").customer("c").param("a", "abc").build()).reason())
        .isEqualTo(Reasons.VALUE_TOO_LONG);
  }
}
