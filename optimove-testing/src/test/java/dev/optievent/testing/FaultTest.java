package dev.optievent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
  }
}
