package dev.optievent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {

  private FakeOptimoveServer server;

  @BeforeEach
  void start() {
    server = FakeOptimoveServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void disconnectMakesTheClientFailWithAnIOException() {
    server.script(Fault.disconnect());

    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThatThrownBy(() -> TestHttp.post(fresh, server.endpoint(), Events.event("c1")))
        .isInstanceOf(IOException.class);

    assertThat(server.acceptedEvents()).isEmpty();
    assertThat(server.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.body()).isEqualTo(Events.event("c1"));
              assertThat(request.answeredStatus()).isEqualTo(RecordedRequest.CONNECTION_CUT);
              assertThat(request.answeredBody()).isNull();
              assertThat(request.connectionCut()).isTrue();
            });
  }

  @Test
  void disconnectAlsoFailsARequestOnAKeptAliveConnection() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThat(TestHttp.post(client, server.endpoint(), Events.event("c1")).statusCode())
        .isEqualTo(200);
    server.script(Fault.disconnect());

    assertThatThrownBy(() -> TestHttp.post(client, server.endpoint(), Events.event("c2")))
        .isInstanceOf(IOException.class);
    assertThat(TestHttp.post(client, server.endpoint(), Events.event("c3")).statusCode())
        .isEqualTo(200);

    assertThat(server.acceptedEvents())
        .extracting(ReceivedEvent::customer)
        .containsExactly("c1", "c3");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void delayAnswersNormallyButLate() throws Exception {
    Duration delay = Duration.ofMillis(300);
    server.script(Fault.delay(delay));

    long start = System.nanoTime();
    HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.event("c1"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(delay);
    assertThat(server.acceptedEvents()).hasSize(1);
  }

  @Test
  void aDelayPastTheClientTimeoutStillAcceptsTheEvent() {
    server.script(Fault.delay(Duration.ofSeconds(5)));
    HttpRequest request =
        HttpRequest.newBuilder(server.endpoint())
            .timeout(Duration.ofMillis(200))
            .POST(HttpRequest.BodyPublishers.ofString(Events.event("c1")))
            .build();

    assertThatThrownBy(() -> TestHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(server.awaitAcceptedEvents(1, Duration.ofSeconds(5))).hasSize(1);
  }

  @Test
  void responseDelayAppliesToLaterAnswers() throws Exception {
    Duration delay = Duration.ofMillis(200);
    server.setResponseDelay(delay);

    long start = System.nanoTime();
    HttpResponse<String> response = TestHttp.post(server.endpoint(), "{}");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(took).isGreaterThanOrEqualTo(delay);
  }

  @Test
  void statusWithRetryAfterIsAnsweredVerbatim() throws Exception {
    String httpDate = "Wed, 21 Oct 2015 07:28:00 GMT";
    server.script(Fault.status(429, "2"), Fault.status(503, httpDate), Fault.status(500));

    HttpResponse<String> tooMany = TestHttp.post(server.endpoint(), Events.event("c1"));
    HttpResponse<String> unavailable = TestHttp.post(server.endpoint(), Events.event("c2"));
    HttpResponse<String> failed = TestHttp.post(server.endpoint(), Events.event("c3"));

    assertThat(tooMany.statusCode()).isEqualTo(429);
    assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(tooMany.body()).isEqualTo("{\"status\":\"error\",\"message\":\"HTTP 429\"}");
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).hasValue(httpDate);
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.headers().firstValue("Retry-After")).isEmpty();
    assertThat(server.acceptedEvents()).isEmpty();
    assertThat(server.requests())
        .extracting(RecordedRequest::answeredStatus)
        .containsExactly(429, 503, 500);
  }

  @Test
  void aSuccessStatusRecordsTheEvent() throws Exception {
    server.script(Fault.status(202));

    HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.event("c1"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).matches("\\{\"status\":\"success\",\"message\":\"\\d{16}\"}");
    assertThat(server.acceptedEvents())
        .singleElement()
        .satisfies(event -> assertThat(response.body()).contains(event.messageId()));
  }

  @Test
  void malformedBodyIsSentAsIsAndNeverAccepted() throws Exception {
    server.script(
        Fault.malformedBody(200, "not json"), Fault.malformedBody(502, "<html>Bad gateway</html>"));

    HttpResponse<String> ok = TestHttp.post(server.endpoint(), Events.event("c1"));
    HttpResponse<String> gateway = TestHttp.post(server.endpoint(), Events.event("c2"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("not json");
    assertThat(gateway.statusCode()).isEqualTo(502);
    assertThat(gateway.body()).isEqualTo("<html>Bad gateway</html>");
    assertThat(server.acceptedEvents()).isEmpty();
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void errorStatusIsHttp200WithTheVendorsErrorBody() throws Exception {
    server.script(Fault.errorStatus("event key 'purchase' is not configured"));

    HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.event("c1"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"status\":\"error\",\"message\":\"Failed to validate the event"
                + " with the following error - event key 'purchase' is not configured\"}");
    assertThat(server.acceptedEvents()).isEmpty();
  }

  @Test
  void scriptedFaultsAreConsumedInOrderThenNormalBehaviourResumes() throws Exception {
    server.script(Fault.status(500), Fault.errorStatus("nope"));
    server.script(Fault.malformedBody(200, "not json"), Fault.disconnect(), Fault.status(429, "1"));

    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      try {
        HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.event("c" + i));
        outcomes.add(response.statusCode() + " " + response.body().replaceAll("\\d{16}", "<id>"));
      } catch (IOException e) {
        outcomes.add("IOException");
      }
    }

    assertThat(outcomes)
        .containsExactly(
            "500 {\"status\":\"error\",\"message\":\"HTTP 500\"}",
            "200 {\"status\":\"error\",\"message\":\"Failed to validate the event with the following error - nope\"}",
            "200 not json",
            "IOException",
            "429 {\"status\":\"error\",\"message\":\"HTTP 429\"}",
            "200 {\"status\":\"success\",\"message\":\"<id>\"}",
            "200 {\"status\":\"success\",\"message\":\"<id>\"}");
    assertThat(server.acceptedEvents())
        .extracting(ReceivedEvent::customer)
        .containsExactly("c5", "c6");
    assertThat(server.requests())
        .extracting(RecordedRequest::answeredStatus)
        .containsExactly(500, 200, 200, RecordedRequest.CONNECTION_CUT, 429, 200, 200);
  }

  private static HttpResponse<InputStream> postStreaming(FakeOptimoveServer server, String body)
      throws IOException, InterruptedException {
    return TestHttp.CLIENT.send(
        TestHttp.postRequest(server.endpoint(), body), HttpResponse.BodyHandlers.ofInputStream());
  }

  @Test
  void retryAfterZeroAndADateInThePastAreSentAsIs() throws Exception {
    Instant past = Instant.parse("2015-10-01T07:28:00Z");
    server.script(Fault.retryAfterSeconds(429, 0), Fault.retryAfterDate(503, past));

    HttpResponse<String> zero = TestHttp.post(server.endpoint(), Events.event("c1"));
    HttpResponse<String> date = TestHttp.post(server.endpoint(), Events.event("c2"));

    assertThat(zero.statusCode()).isEqualTo(429);
    assertThat(zero.headers().firstValue("Retry-After")).hasValue("0");
    assertThat(date.statusCode()).isEqualTo(503);
    assertThat(date.headers().firstValue("Retry-After")).hasValue("Thu, 01 Oct 2015 07:28:00 GMT");
    assertThat(
            ZonedDateTime.parse(
                    date.headers().firstValue("Retry-After").orElseThrow(),
                    DateTimeFormatter.RFC_1123_DATE_TIME)
                .withZoneSameInstant(ZoneOffset.UTC)
                .toInstant())
        .isEqualTo(past);
    assertThat(Fault.retryAfterSeconds(429, 0)).isEqualTo(Fault.status(429, "0"));
    assertThatThrownBy(() -> Fault.retryAfterSeconds(429, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stallAfterHeadersSendsTheHeadersThenNothingUntilTheHoldPassesThenCuts() throws Exception {
    Duration hold = Duration.ofMillis(300);
    server.script(Fault.stallAfterHeaders(hold));
    long start = System.nanoTime();

    HttpResponse<InputStream> response = postStreaming(server, Events.event("c1"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).isPresent();
    assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(hold);
    assertThat(server.acceptedEvents()).hasSize(1); // stored, as the real service would have
    await().atMost(Duration.ofSeconds(5)).until(() -> server.answersInProgress() == 0);
  }

  @Test
  void stallBodySendsTheFirstBytesOfTheBodyThenStalls() throws Exception {
    server.script(Fault.stallBody(10, Duration.ofMillis(300)));

    HttpResponse<InputStream> response = postStreaming(server, Events.event("c1"));

    try (InputStream in = response.body()) {
      assertThat(new String(in.readNBytes(10), StandardCharsets.UTF_8)).isEqualTo("{\"status\":");
      assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
    assertThat(server.bodyBytesSent()).isEqualTo(10);
  }

  @Test
  void closingTheServerCutsAStallAtOnce() throws Exception {
    server.script(Fault.stallBody(5, Fault.MAX_HOLD));
    HttpResponse<InputStream> response = postStreaming(server, Events.event("c1"));
    assertThat(server.answersInProgress()).isEqualTo(1);
    long start = System.nanoTime();

    server.close();

    assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void slowBodyDripsTheNormalAnswerByteByByte() throws Exception {
    Duration perByte = Duration.ofMillis(5);
    server.script(Fault.slowBody(perByte));
    long start = System.nanoTime();

    HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.event("c1"));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).matches("\\{\"status\":\"success\",\"message\":\"\\d{16}\"}");
    assertThat(took).isGreaterThanOrEqualTo(perByte.multipliedBy(response.body().length()));
    assertThat(server.acceptedEvents()).hasSize(1);
    // Counted just after each write: the client may have read the last byte a moment earlier.
    await().atMost(Duration.ofSeconds(5)).until(() -> server.answersInProgress() == 0);
    assertThat(server.bodyBytesSent()).isEqualTo(response.body().length());
  }

  @Test
  void oversizedBodyIsTheNormalAnswerPaddedToTheGivenSize() throws Exception {
    int size = 3 * 1024 * 1024;
    server.script(Fault.oversizedBody(200, size), Fault.oversizedBody(503, 1000));

    HttpResponse<String> ok = TestHttp.post(server.endpoint(), Events.event("c1"));
    HttpResponse<String> unavailable = TestHttp.post(server.endpoint(), Events.event("c2"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body())
        .hasSize(size)
        .startsWith("{\"status\":\"success\",\"message\":\"")
        .contains("\",\"padding\":\"xxxxxxxx")
        .endsWith("xx\"}");
    assertThat(server.acceptedEvents())
        .singleElement()
        .satisfies(event -> assertThat(ok.body()).contains(event.messageId()));
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.body())
        .hasSize(1000)
        .startsWith("{\"status\":\"error\",\"message\":\"HTTP 503\",\"padding\":\"xx");
    await().atMost(Duration.ofSeconds(5)).until(() -> server.answersInProgress() == 0);
    assertThat(server.bodyBytesSent()).isEqualTo(size + 1000L);
  }

  @Test
  void oversizedBodyStopsWhenTheClientClosesTheConnection() throws Exception {
    long size = 200L * 1024 * 1024;
    server.script(Fault.oversizedBody(200, size));

    HttpResponse<InputStream> response = postStreaming(server, Events.event("c1"));
    try (InputStream in = response.body()) {
      assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> server.answersInProgress() == 0);
    // The rest was never generated: at most what the socket buffers took.
    assertThat(server.bodyBytesSent()).isGreaterThanOrEqualTo(64 * 1024).isLessThan(size / 4);
  }

  @Test
  void faultsAreValidatedAndDescribeThemselves() {
    assertThatThrownBy(() -> Fault.status(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.status(600)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.status(503, "1\r\nX: y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.delay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.status(503, "2"))
        .hasToString("Fault.status(503, \"2\")")
        .isEqualTo(Fault.status(503, "2"));
    assertThat(Fault.disconnect()).hasToString("Fault.disconnect()");
    assertThat(Fault.delay(Duration.ofSeconds(1))).isEqualTo(Fault.delay(Duration.ofMillis(1000)));
    assertThatThrownBy(() -> Fault.stallAfterHeaders(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.stallBody(-1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.slowBody(Fault.MAX_HOLD.plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.oversizedBody(200, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.stallAfterHeaders(Duration.ofSeconds(2)))
        .isEqualTo(Fault.stallBody(0, Duration.ofSeconds(2)))
        .hasToString("Fault.stallBody(0, PT2S)");
    assertThat(Fault.slowBody(Duration.ofMillis(5))).hasToString("Fault.slowBody(PT0.005S)");
    assertThat(Fault.oversizedBody(200, 1 << 20))
        .hasToString("Fault.oversizedBody(200, 1048576)")
        .isNotEqualTo(Fault.oversizedBody(200, 1 << 21));
  }
}
