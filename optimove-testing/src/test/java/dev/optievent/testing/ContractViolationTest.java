package dev.optievent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContractViolationTest {

  private static final String PREFIX = "Failed to validate the event with the following error - ";
  private static final String TS = "\"timestamp\":\"" + Events.TIMESTAMP + "\"";
  private static final String OK =
      "\"tenant\":999,\"event\":\"purchase\",\"customer\":\"c1\"," + TS;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FakeOptimoveServer server;

  @BeforeAll
  static void start() {
    server = FakeOptimoveServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  /** One contract violation; a reason ending in ": " is a prefix of the actual one. */
  record Violation(String name, String body, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Violation> violations() {
    return Stream.of(
        new Violation("not JSON", "not json", "request body is not valid JSON: "),
        new Violation("empty body", "", "request body is empty"),
        new Violation("trailing garbage", "{" + OK + "} x", "request body is not valid JSON: "),
        new Violation(
            "duplicate field", "{" + OK + ",\"tenant\":999}", "request body is not valid JSON: "),
        new Violation("array body", "[{" + OK + "}]", "request body must be a JSON object"),
        new Violation(
            "tenant missing",
            "{\"event\":\"purchase\",\"customer\":\"c1\"," + TS + "}",
            "tenantId is missing or invalid"),
        new Violation(
            "tenant as string",
            "{\"tenant\":\"999\",\"event\":\"purchase\",\"customer\":\"c1\"," + TS + "}",
            "tenantId is missing or invalid"),
        new Violation(
            "tenant zero",
            "{\"tenant\":0,\"event\":\"purchase\",\"customer\":\"c1\"," + TS + "}",
            "tenantId is missing or invalid"),
        new Violation(
            "tenant negative",
            "{\"tenant\":-999,\"event\":\"purchase\",\"customer\":\"c1\"," + TS + "}",
            "tenantId is missing or invalid"),
        new Violation(
            "tenant fraction",
            "{\"tenant\":999.5,\"event\":\"purchase\",\"customer\":\"c1\"," + TS + "}",
            "tenantId is missing or invalid"),
        new Violation(
            "tenant beyond long",
            "{\"tenant\":99999999999999999999,\"event\":\"purchase\","
                + "\"customer\":\"c1\","
                + TS
                + "}",
            "tenantId is missing or invalid"),
        new Violation(
            "event missing", "{\"tenant\":999,\"customer\":\"c1\"," + TS + "}", "event is missing"),
        new Violation(
            "event blank",
            "{\"tenant\":999,\"event\":\"  \",\"customer\":\"c1\"," + TS + "}",
            "event must be a non-blank string, was blank"),
        new Violation(
            "event not a string",
            "{\"tenant\":999,\"event\":7,\"customer\":\"c1\"," + TS + "}",
            "event must be a non-blank string, was a number"),
        new Violation(
            "customer and visitor (the vendor's own example)",
            """
                        {"tenant":999,"event":"newsletter_signup","customer":"johndoe@domain.com",\
                        "visitor":"b449f7778d4981a5","timestamp":"2020-04-12 17:32:06.094 UTC",\
                        "context":{"email":"johndoe@domain.com","opt_in":true}}""",
            "the request must contain either customer or visitor, not both"),
        new Violation(
            "neither customer nor visitor",
            "{\"tenant\":999,\"event\":\"purchase\"," + TS + "}",
            "the request must contain either customer or visitor"),
        new Violation(
            "customer empty",
            "{\"tenant\":999,\"event\":\"purchase\",\"customer\":\"\"," + TS + "}",
            "customer must be a non-blank string, was empty"),
        new Violation(
            "customer a number",
            "{\"tenant\":999,\"event\":\"purchase\",\"customer\":42," + TS + "}",
            "customer must be a non-blank string, was a number"),
        new Violation(
            "visitor null",
            "{\"tenant\":999,\"event\":\"purchase\",\"visitor\":null," + TS + "}",
            "visitor must be a non-blank string, was null"),
        new Violation(
            "timestamp missing",
            "{\"tenant\":999,\"event\":\"purchase\",\"customer\":\"c1\"}",
            "timestamp is missing"),
        new Violation(
            "timestamp a number",
            "{\"tenant\":999,\"event\":\"purchase\",\"customer\":\"c1\","
                + "\"timestamp\":1586712726094}",
            "timestamp must be a string, was a number"),
        timestamp("2020-04-12T17:32:06.094Z", "does not match yyyy-MM-dd HH:mm:ss.SSS UTC"),
        timestamp("2020-04-12 17:32:06 UTC", "does not match yyyy-MM-dd HH:mm:ss.SSS UTC"),
        timestamp("2020-04-12 17:32:06.094", "does not match yyyy-MM-dd HH:mm:ss.SSS UTC"),
        timestamp("2020-04-12 17:32:06.094 GMT", "does not match yyyy-MM-dd HH:mm:ss.SSS UTC"),
        timestamp("2020-04-12 17:32:06.094 UTC ", "does not match yyyy-MM-dd HH:mm:ss.SSS UTC"),
        timestamp("2020-04-12 17:32:06.094 utc", "does not match yyyy-MM-dd HH:mm:ss.SSS UTC"),
        timestamp("２020-04-12 17:32:06.094 UTC", "does not match yyyy-MM-dd HH:mm:ss.SSS UTC"),
        timestamp("2021-02-29 10:00:00.000 UTC", "is not a valid date and time"),
        timestamp("2020-04-31 10:00:00.000 UTC", "is not a valid date and time"),
        timestamp("2020-04-12 17:32:60.000 UTC", "is not a valid date and time"),
        timestamp("2020-04-12 17:60:00.000 UTC", "is not a valid date and time"),
        timestamp("2020-00-12 17:32:06.094 UTC", "is not a valid date and time"),
        timestamp("2020-04-12 24:00:00.000 UTC", "is not a valid date and time"),
        timestamp("2020-13-01 10:00:00.000 UTC", "is not a valid date and time"),
        new Violation(
            "context an array",
            "{" + OK + ",\"context\":[1,2]}",
            "context must be a JSON object, was an array"),
        new Violation(
            "context null",
            "{" + OK + ",\"context\":null}",
            "context must be a JSON object, was null"),
        new Violation(
            "context parameter null",
            "{" + OK + ",\"context\":{\"ok\":1,\"coupon\":null}}",
            "context parameter 'coupon' must be a string, number or boolean, was null"),
        new Violation(
            "context parameter array",
            "{" + OK + ",\"context\":{\"items\":[1,2]}}",
            "context parameter 'items' must be a string, number or boolean, was an array"),
        new Violation(
            "context parameter object",
            "{" + OK + ",\"context\":{\"address\":{\"city\":\"X\"}}}",
            "context parameter 'address' must be a string, number or boolean, was an object"),
        new Violation(
            "unknown top-level field",
            "{" + OK + ",\"email\":\"johndoe@domain.com\"}",
            "unknown field 'email'"),
        new Violation(
            "field names are case sensitive",
            "{\"Tenant\":999,\"tenant\":999,\"event\":\"purchase\","
                + "\"customer\":\"c1\","
                + TS
                + "}",
            "unknown field 'Tenant'"));
  }

  private static Violation timestamp(String value, String problem) {
    return new Violation(
        "timestamp " + value,
        "{\"tenant\":999,\"event\":\"purchase\",\"customer\":\"c1\","
            + "\"timestamp\":\""
            + value
            + "\"}",
        "timestamp '" + value + "' " + problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void rejectsWithASpecificReason(Violation violation) throws Exception {
    HttpResponse<String> response = TestHttp.post(server.endpoint(), violation.body());

    assertThat(response.statusCode()).isEqualTo(400);
    var answer = JSON.readTree(response.body());
    assertThat(answer.get("status").asText()).isEqualTo("error");
    String message = answer.get("message").asText();
    if (violation.reason().endsWith(": ")) {
      assertThat(message).startsWith(PREFIX + violation.reason());
    } else {
      assertThat(message).isEqualTo(PREFIX + violation.reason());
    }
    assertThat(server.acceptedEvents()).isEmpty();
    assertThat(server.acceptedCount()).isZero();
    assertThat(server.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.body()).isEqualTo(violation.body());
              assertThat(request.answeredStatus()).isEqualTo(400);
              assertThat(request.answeredBody()).isEqualTo(response.body());
            });
  }

  @Test
  void theBaseOfTheTableIsValid() throws Exception {
    assertThat(TestHttp.post(server.endpoint(), "{" + OK + "}").statusCode()).isEqualTo(200);
    assertThat(TestHttp.post(server.endpoint(), "{" + OK + ",\"context\":{}}").statusCode())
        .isEqualTo(200);
    assertThat(
            TestHttp.post(server.endpoint(), "{" + OK.replace("2020-04-12", "2020-02-29") + "}")
                .statusCode())
        .as("leap day")
        .isEqualTo(200);
  }

  @Test
  void escapesReasonsInTheJsonAnswer() throws Exception {
    HttpResponse<String> response =
        TestHttp.post(server.endpoint(), "{" + OK + ",\"we\\\"ird\\n\":1}");

    assertThat(JSON.readTree(response.body()).get("message").asText())
        .isEqualTo(PREFIX + "unknown field 'we\"ird\n'");
  }

  @Test
  void rejectsOtherMethodsWith405() throws Exception {
    HttpResponse<String> response =
        TestHttp.CLIENT.send(
            HttpRequest.newBuilder(server.endpoint()).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"HTTP 405\"}");
    assertThat(server.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.method()).isEqualTo("GET");
              assertThat(request.answeredStatus()).isEqualTo(405);
            });
  }

  @Test
  void rejectsAnotherTenantWhenOneIsExpected() throws Exception {
    try (FakeOptimoveServer strict = FakeOptimoveServer.builder().expectedTenant(1000).start()) {
      HttpResponse<String> wrong = TestHttp.post(strict.endpoint(), Events.event("c1"));
      HttpResponse<String> right =
          TestHttp.post(strict.endpoint(), Events.event("c1").replace("999", "1000"));

      assertThat(wrong.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(wrong.body()).get("message").asText())
          .isEqualTo(PREFIX + "tenantId is missing or invalid (expected 1000, got 999)");
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(strict.acceptedEvents()).extracting(ReceivedEvent::tenant).containsExactly(1000L);
    }
  }
}
