package dev.optievent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcceptedEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

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
  void endpointIsTheEventsPathOnLoopback() {
    assertThat(server.endpoint().toString())
        .isEqualTo("http://127.0.0.1:" + server.port() + "/v1/events");
    assertThat(server.port()).isPositive();
  }

  @Test
  void acceptsACustomerEventAndRecordsItExactly() throws Exception {
    HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.customerEvent());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("status").asText()).isEqualTo("success");
    String messageId = answer.get("message").asText();
    assertThat(messageId).matches("\\d{16}");

    Map<String, Object> context = new LinkedHashMap<>();
    context.put("email", "johndoe@domain.com");
    context.put("opt_in", Boolean.TRUE);
    context.put("amount", new BigDecimal("19.90"));
    context.put("items", 3);
    context.put("order_number", 12345678901L);
    assertThat(server.acceptedEvents())
        .containsExactly(
            new ReceivedEvent(
                999,
                "checkout_completed",
                "johndoe@domain.com",
                null,
                Events.TIMESTAMP,
                context,
                messageId,
                Events.customerEvent()));
    ReceivedEvent event = server.acceptedEvents().get(0);
    assertThat(event.context().get("amount")).isInstanceOf(BigDecimal.class).hasToString("19.90");
    assertThat(event.context().get("items")).isInstanceOf(Integer.class);
    assertThat(event.context().get("order_number")).isInstanceOf(Long.class);
    assertThat(event.context().get("opt_in")).isInstanceOf(Boolean.class);
    assertThat(event.context().keySet())
        .containsExactly("email", "opt_in", "amount", "items", "order_number");
    assertThat(server.acceptedCount()).isEqualTo(1);
  }

  @Test
  void acceptsAVisitorEventWithoutContext() throws Exception {
    HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.visitorEvent());

    assertThat(response.statusCode()).isEqualTo(200);
    ReceivedEvent event = server.awaitAcceptedEvents(1, Duration.ofSeconds(5)).get(0);
    assertThat(event.tenant()).isEqualTo(999);
    assertThat(event.event()).isEqualTo("newsletter_signup");
    assertThat(event.visitor()).isEqualTo("b449f7778d4981a5");
    assertThat(event.customer()).isNull();
    assertThat(event.timestamp()).isEqualTo("2021-01-31 23:59:59.999 UTC");
    assertThat(event.context()).isEmpty();
    assertThat(event.rawJson()).isEqualTo(Events.visitorEvent());
  }

  @Test
  void recordsTheRequestWithWhatItAnswered() throws Exception {
    HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.visitorEvent());

    assertThat(server.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.method()).isEqualTo("POST");
              assertThat(request.path()).isEqualTo("/v1/events");
              assertThat(request.header("content-type")).isEqualTo("application/json");
              assertThat(request.headers().get("CONTENT-TYPE")).containsExactly("application/json");
              assertThat(request.body()).isEqualTo(Events.visitorEvent());
              assertThat(request.answeredStatus()).isEqualTo(200);
              assertThat(request.answeredBody()).isEqualTo(response.body());
              assertThat(request.connectionCut()).isFalse();
            });
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void acceptsOnAnyPathAndAnswersUniqueMessageIds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String body =
          TestHttp.post(server.endpoint().resolve("/other/path?x=" + i), Events.event("c" + i))
              .body();
      ids.add(JSON.readTree(body).get("message").asText());
    }
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(server.acceptedEvents())
        .extracting(ReceivedEvent::messageId)
        .containsExactlyElementsOf(ids);
    assertThat(server.acceptedEvents())
        .extracting(ReceivedEvent::customer)
        .containsExactly("c0", "c1", "c2", "c3", "c4");
    assertThat(server.requests().get(2).path()).isEqualTo("/other/path?x=2");
  }

  @Test
  void worksWithTheDefaultHttpClientWhichOffersHttp2() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 3; i++) {
      assertThat(TestHttp.post(client, server.endpoint(), Events.event("c" + i)).statusCode())
          .isEqualTo(200);
    }
    assertThat(server.acceptedCount()).isEqualTo(3);
  }

  @Test
  void callsListenersAndSurvivesAThrowingOne() throws Exception {
    List<ReceivedEvent> heard = Collections.synchronizedList(new ArrayList<>());
    server.onAccepted(
        event -> {
          throw new IllegalStateException("listener bug");
        });
    server.onAccepted(heard::add);

    HttpResponse<String> response = TestHttp.post(server.endpoint(), Events.customerEvent());

    assertThat(response.statusCode()).isEqualTo(200);
    // listeners run before the answer is sent
    assertThat(heard).containsExactlyElementsOf(server.acceptedEvents());
    assertThat(TestHttp.post(server.endpoint(), Events.visitorEvent()).statusCode()).isEqualTo(200);
    assertThat(heard).hasSize(2);
  }

  @Test
  void withoutRecordingOnlyCounts() throws Exception {
    try (FakeOptimoveServer counting = FakeOptimoveServer.builder().recordEvents(false).start()) {
      List<ReceivedEvent> heard = Collections.synchronizedList(new ArrayList<>());
      counting.onAccepted(heard::add);
      for (int i = 0; i < 3; i++) {
        assertThat(TestHttp.post(counting.endpoint(), Events.event("c" + i)).statusCode())
            .isEqualTo(200);
      }
      assertThat(TestHttp.post(counting.endpoint(), "{}").statusCode()).isEqualTo(400);

      assertThat(counting.awaitAcceptedEvents(3, Duration.ofSeconds(5))).isEmpty();
      assertThat(counting.acceptedCount()).isEqualTo(3);
      assertThat(counting.requestCount()).isEqualTo(4);
      assertThat(counting.acceptedEvents()).isEmpty();
      assertThat(counting.requests()).isEmpty();
      assertThat(heard).hasSize(3);
    }
  }

  @Test
  void snapshotsAreImmutable() throws Exception {
    TestHttp.post(server.endpoint(), Events.customerEvent());
    List<ReceivedEvent> events = server.acceptedEvents();
    assertThatThrownBy(() -> events.add(events.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> events.get(0).context().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> server.requests().get(0).headers().put("x", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
