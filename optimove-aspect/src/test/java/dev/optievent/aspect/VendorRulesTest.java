package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.OptimoveConfigException;
import dev.optievent.testing.ReceivedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vendor's rules are applied before anything is queued; a rejected event is counted. */
class VendorRulesTest {
  private static final String CATALOG =
      "{\"events\":["
          + "{\"name\":\"newsletter_signup\",\"parameters\":["
          + "{\"name\":\"email\",\"type\":\"text\",\"mandatory\":true},"
          + "{\"name\":\"opt_in\",\"type\":\"boolean\"}]},"
          + "{\"name\":\"page_visit\",\"parameters\":[]}]}";

  @TempDir Path dir;

  private final RuleServices services = new RuleServices();

  private Path catalog(String json) throws IOException {
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, json);
    return file;
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "undefined", "NONE", " None ", "", "   "})
  void refusesPlaceholderAndBlankCustomerIds(String id) {
    try (ReportingFixture f = new ReportingFixture()) {
      services.signUp(id, "a@b.io", true);

      assertThat(f.flushed()).isEmpty();
      assertThat(f.client.stats().rejected("invalid_customer_id")).isEqualTo(1);
    }
  }

  @Test
  void refusesAnIdLongerThan200CharactersAndTrimsOthers() {
    try (ReportingFixture f = new ReportingFixture()) {
      services.signUp("x".repeat(201), "a@b.io", true);
      services.signUp("  c-1  ", "a@b.io", true);
      services.visit("v".repeat(201));

      assertThat(f.flushed()).extracting(ReceivedEvent::customer).containsExactly("c-1");
      assertThat(f.client.stats().rejected("invalid_customer_id")).isEqualTo(1);
      assertThat(f.client.stats().rejected("invalid_visitor_id")).isEqualTo(1);
    }
  }

  @Test
  void refusesMoreParametersThanTheConfiguredLimit() {
    try (ReportingFixture f = new ReportingFixture(b -> b.maxParameters(2))) {
      services.three("c-1", 1, 2, 3);

      assertThat(f.flushed()).isEmpty();
      assertThat(f.client.stats().rejected("too_many_parameters")).isEqualTo(1);
    }
  }

  @Test
  void refusesTextLongerThanTheConfiguredLimit() {
    try (ReportingFixture f = new ReportingFixture()) {
      services.signUp("c-1", "a".repeat(250) + "@b.io", true); // 255: allowed
      services.signUp("c-1", "a".repeat(251) + "@b.io", true); // 256: too long

      assertThat(f.flushed()).hasSize(1);
      assertThat(f.client.stats().rejected("value_too_long")).isEqualTo(1);
    }
    try (ReportingFixture f = new ReportingFixture(b -> b.maxTextLength(4000))) {
      services.signUp("c-1", "a".repeat(3000) + "@b.io", true);

      assertThat(f.flushed()).hasSize(1);
    }
  }

  @Test
  void withACatalogUnknownEventsAreRejected() throws IOException {
    Path file = catalog(CATALOG);
    try (ReportingFixture f = new ReportingFixture(b -> b.catalog(file))) {
      services.unlisted("c-1");

      assertThat(f.flushed()).isEmpty();
      assertThat(f.client.stats().rejected("unknown_event")).isEqualTo(1);
    }
  }

  @Test
  void withACatalogUnknownParametersAreLeftOut() throws IOException {
    Path file = catalog(CATALOG);
    try (ReportingFixture f = new ReportingFixture(b -> b.catalog(file))) {
      services.signUpWithSource("c-1", "a@b.io", "footer");

      assertThat(f.flushed())
          .singleElement()
          .satisfies(e -> assertThat(e.context()).containsOnlyKeys("email"));
    }
  }

  @Test
  void withACatalogAWrongTypeOrAMissingMandatoryParameterRejects() throws IOException {
    Path file = catalog(CATALOG);
    try (ReportingFixture f = new ReportingFixture(b -> b.catalog(file))) {
      services.signUpWrongType("c-1", "a@b.io", "yes");
      services.signUp("c-1", null, true);
      services.signUp("c-1", "a@b.io", null); // opt_in is optional
      services.visit("v-1");

      assertThat(f.flushed())
          .extracting(ReceivedEvent::event)
          .containsExactlyInAnyOrder("newsletter_signup", "page_visit");
      assertThat(f.client.stats().rejected("wrong_parameter_type")).isEqualTo(1);
      assertThat(f.client.stats().rejected("missing_mandatory_parameter")).isEqualTo(1);
    }
  }

  @Test
  void aMalformedCatalogFailsAtStartUpWithTheFileAndThePlace() throws IOException {
    Path file = catalog("{\"events\": [ {\"name\": \"a\", ]}");
    OptimoveConfig config =
        OptimoveConfig.builder().endpoint("http://127.0.0.1:1/e").tenant(1).catalog(file).build();

    assertThatThrownBy(() -> OptimoveClient.create(config))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is not valid JSON at line 1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]|must be a JSON object with an \"events\" array",
        "{\"events\":[{\"parameters\":[]}]}|events[0]: \"name\" is missing",
        "{\"events\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"p\",\"type\":\"date\"}]}]}|type 'date' is not one of text, number, boolean",
        "{\"events\":[{\"name\":\"a\"},{\"name\":\"a\"}]}|event 'a' is listed twice",
        "{\"events\":[{\"name\":\"a\",\"params\":[]}]}|unknown field \"params\"",
        "{\"events\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"p\",\"type\":\"text\",\"mandatory\":\"yes\"}]}]}|\"mandatory\" must be true or false",
      })
  void aCatalogWithTheWrongShapeSaysWhatIsWrong(String testCase) throws IOException {
    String[] parts = testCase.split("\\|", 2);
    Path file = catalog(parts[0]);
    OptimoveConfig config =
        OptimoveConfig.builder().endpoint("http://127.0.0.1:1/e").tenant(1).catalog(file).build();

    assertThatThrownBy(() -> OptimoveClient.create(config))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining(parts[1]);
  }
}
