package dev.optievent.client.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveConfigException;
import dev.optievent.client.Reasons;
import dev.optievent.client.logcapture.LogCapture;
import dev.optievent.client.logcapture.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.Level;

/** The catalog agreed with Optimove: each of its checks, and its loading errors. */
class CatalogRuleTest {
  private static final Instant AT = Instant.parse("2024-01-02T03:04:05Z");
  private static final String CATALOG =
      """
      {"events": [
        {"name": "signup", "description": "a new account", "sources": ["A.b"],
         "parameters": [
           {"name": "email", "type": "text", "mandatory": true},
           {"name": "age", "type": "number"},
           {"name": "opt_in", "type": "BOOLEAN", "mandatory": false}]},
        {"name": "ping"}]}
      """;

  @RegisterExtension final LogCapture logs = LogCapture.under("dev.optievent.client.catalog");

  private final CatalogRule rule = new CatalogRule(parse(CATALOG));

  private static EventCatalog parse(String json) {
    try {
      return EventCatalog.parse(new ObjectMapper().readTree(json), "test.json");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Event.Builder signup() {
    return Event.builder("signup").customer("c-1").timestamp(AT);
  }

  @Test
  void sendsAnEventThatMatchesTheCatalogUnchanged() {
    Event event = signup().param("email", "a@b.io").param("age", 42).param("opt_in", true).build();

    ValidationResult result = rule.check(event);

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(result.event()).isSameAs(event);
  }

  @Test
  void sendsAnEventWithoutParametersWhenNoneIsMandatory() {
    Event ping = Event.builder("ping").customer("c-1").timestamp(AT).build();

    assertThat(rule.check(ping).event()).isSameAs(ping);
  }

  @Test
  void rejectsAnEventTheCatalogLacksWhateverItsCase() {
    Event event = Event.builder("SignUp").customer("c-1").build();

    ValidationResult result = rule.check(event);

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.REJECT);
    assertThat(result.reason()).isEqualTo(Reasons.UNKNOWN_EVENT);
    assertThat(result.message())
        .isEqualTo("event 'SignUp' is not in the event catalog (names are case sensitive)");
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @CsvSource({
    "email, 42, text, number",
    "email, true, text, boolean",
    "age, forty, number, text",
    "age, false, number, boolean",
    "opt_in, yes, boolean, text",
    "opt_in, 1, boolean, number"
  })
  void rejectsAValueOfTheWrongType(String name, String value, String says, String is) {
    Object typed =
        value.equals("true") || value.equals("false")
            ? (Object) Boolean.valueOf(value)
            : value.chars().allMatch(Character::isDigit) ? (Object) Integer.valueOf(value) : value;
    Event event = signup().param("email", "a@b.io").param(name, typed).build();

    ValidationResult result = rule.check(event);

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.REJECT);
    assertThat(result.reason()).isEqualTo(Reasons.WRONG_PARAMETER_TYPE);
    assertThat(result.event()).isSameAs(event);
    assertThat(result.message())
        .isEqualTo(
            "event 'signup', parameter '"
                + name
                + "': the catalog says "
                + says
                + " but the value is "
                + is);
  }

  @Test
  void rejectsAnEventWithoutAMandatoryParameter() {
    Event event = signup().param("age", 42).build();

    ValidationResult result = rule.check(event);

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.REJECT);
    assertThat(result.reason()).isEqualTo(Reasons.MISSING_MANDATORY_PARAMETER);
    assertThat(result.message())
        .isEqualTo("event 'signup': mandatory parameter 'email' is missing");
  }

  @Test
  void leavesOutAParameterTheCatalogLacksAndWarnsOncePerEventAndParameter() {
    // The warning is once per JVM: a name no other run of this test has used.
    String extra = "colour_" + System.nanoTime();
    Event event = signup().param("email", "a@b.io").param(extra, "red").param("age", 42).build();

    ValidationResult first = rule.check(event);
    ValidationResult second = rule.check(event);

    assertThat(first.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(first.event().context())
        .containsExactly(Map.entry("email", "a@b.io"), Map.entry("age", 42));
    assertThat(first.event().customerId()).isEqualTo("c-1");
    assertThat(first.event().timestamp()).isEqualTo(AT);
    assertThat(second.event()).isEqualTo(first.event());
    assertThat(event.context()).containsKey(extra);
    String line =
        "Optimove event 'signup': parameter '"
            + extra
            + "' is not in the event catalog and is left out";
    assertThat(logs.lines(Level.WARN))
        .extracting(LogLine::message)
        .containsExactly(line + " (repeats of this problem are logged at DEBUG)");
    assertThat(logs.lines(Level.DEBUG)).extracting(LogLine::message).containsExactly(line);
  }

  @Test
  void loadsACatalogFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, CATALOG);

    EventCatalog catalog = EventCatalog.load(file);

    assertThat(catalog.events()).containsOnlyKeys("signup", "ping");
    assertThat(catalog.event("signup").parameters())
        .containsEntry("email", new EventCatalog.Parameter("email", EventCatalog.Type.TEXT, true))
        .containsEntry("age", new EventCatalog.Parameter("age", EventCatalog.Type.NUMBER, false))
        .containsEntry(
            "opt_in", new EventCatalog.Parameter("opt_in", EventCatalog.Type.BOOLEAN, false));
    assertThat(catalog.event("ping").parameters()).isEmpty();
    assertThat(catalog.event("pong")).isNull();
  }

  @Test
  void namesTheFileAndThePlaceOfInvalidJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, "{\"events\": [\n  {\"name\": }]}");

    assertThatThrownBy(() -> EventCatalog.load(file))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageStartingWith(
            "catalog (OPTIMOVE_CATALOG) " + file + " is not valid JSON at line 2")
        .hasMessageContaining("column ");
  }

  @Test
  void saysWhenTheFileCannotBeRead(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> EventCatalog.load(missing))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageStartingWith("catalog (OPTIMOVE_CATALOG) " + missing + " cannot be read: ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[] | catalog (OPTIMOVE_CATALOG) test.json must be a JSON object with an \"events\" array",
        "{} | catalog (OPTIMOVE_CATALOG) test.json must be a JSON object with an \"events\" array",
        "{\"events\": {}} | test.json must be a JSON object with an \"events\" array",
        "{\"events\": [{}]} | test.json: events[0]: \"name\" is missing or not a non-blank string",
        "{\"events\": [{\"name\": \" \"}]} | events[0]: \"name\" is missing or not a non-blank string",
        "{\"events\": [{\"name\": 7}]} | events[0]: \"name\" is missing or not a non-blank string",
        "{\"events\": [{\"name\": \"a\"}, {\"name\": \"a\"}]} | events[1]: event 'a' is listed twice",
        "{\"events\": [{\"name\": \"a\", \"parameters\": {}}]} | events[0] (a): \"parameters\" must be an array",
        "{\"events\": [{\"name\": \"a\", \"parameters\": [{\"type\": \"text\"}]}]} | events[0].parameters[0]: \"name\" is missing",
        "{\"events\": [{\"name\": \"a\", \"parameters\": [{\"name\": \"p\"}]}]} | events[0].parameters[0] (p): \"type\" is missing",
        "{\"events\": [{\"name\": \"a\", \"parameters\": [{\"name\": \"p\", \"type\": \"date\"}]}]} | events[0].parameters[0] (p): type 'date' is not one of text, number, boolean",
        "{\"events\": [{\"name\": \"a\", \"parameters\": [{\"name\": \"p\", \"type\": \"text\", \"mandatory\": \"yes\"}]}]} | events[0].parameters[0] (p): \"mandatory\" must be true or false",
        "{\"events\": [{\"name\": \"a\", \"parameters\": [{\"name\": \"p\", \"type\": \"text\"}, {\"name\": \"p\", \"type\": \"number\"}]}]} | events[0].parameters[1]: parameter 'p' is listed twice",
        "{\"events\": [{\"name\": \"a\"}, {\"name\": \"b\", \"params\": []}]} | events[1] (b): unknown field \"params\" (allowed: name, parameters, description, sources)"
      })
  void namesWhatIsWrongInACatalogAndWhere(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(OptimoveConfigException.class)
        .hasMessageContaining(message);
  }
}
