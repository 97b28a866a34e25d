package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Real HTTP in, real HTTP out: the signed-in user is the customer of each event, once per call. */
// Spring MVC gives up on an async (Mono) request after 1 s: /newsletter/slow-confirm tests that
// the Mono it cancels then reports nothing.
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.mvc.async.request-timeout=1s",
      "management.endpoints.web.exposure.include=health,prometheus",
      // Boot 3's test support turns metrics export off by default; the scrape needs it on.
      "management.prometheus.metrics.export.enabled=true"
    })
class ShopReportingTest {
  static final FakeOptimoveServer OPTIMOVE = FakeOptimoveServer.start();

  @DynamicPropertySource
  static void optimove(DynamicPropertyRegistry registry) {
    registry.add("optimove.endpoint", () -> OPTIMOVE.endpoint().toString());
    registry.add("optimove.tenant", () -> "42");
  }

  @AfterAll
  static void stop() {
    OPTIMOVE.close();
  }

  @Autowired Environment environment;
  @Autowired NewsletterService newsletter;
  @Autowired OptimoveClient client;

  @Test
  void theServiceIsProxied() {
    assertThat(AopUtils.isAopProxy(newsletter)).isTrue();
    System.out.println("NewsletterService woven: " + isWoven(NewsletterService.class));
    System.out.println("Spring AOT artifacts in use: " + AotDetector.useGeneratedArtifacts());
  }

  @Test
  void eachRequestIsReportedOnceForTheSignedInUser() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = post("/newsletter?email=" + i + "@example.com");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("signed up");
    }
    assertThat(post("/newsletter?email=x@example.com", "alice:wrong").statusCode()).isEqualTo(401);

    assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
    List<ReceivedEvent> events =
        OPTIMOVE.acceptedEvents().stream()
            .filter(e -> e.event().equals("newsletter_signup"))
            .toList();
    assertThat(events).hasSize(3);
    assertThat(events).allSatisfy(e -> assertThat(e.customer()).isEqualTo("alice"));
    assertThat(events)
        .extracting(e -> e.context().get("email"))
        .containsExactlyInAnyOrder("0@example.com", "1@example.com", "2@example.com");
    System.out.println("The endpoint received: " + OPTIMOVE.acceptedEvents());
  }

  @Test
  void aMonoControllerReportsOnceWhenItsWorkCompletesAndNeverForFailedOrUnrunWork()
      throws Exception {
    HttpResponse<String> confirmed = post("/newsletter/confirm?email=m@example.com");
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).isEqualTo("confirmed m@example.com");
    assertThat(post("/newsletter/confirm?email=bounce@example.com").statusCode()).isEqualTo(500);
    assertThat(post("/newsletter/preview?email=p@example.com").body()).isEqualTo("preview only");
    // Slower than the async request timeout: MVC answers 503 and cancels the Mono.
    assertThat(post("/newsletter/slow-confirm?email=slow@example.com").statusCode()).isEqualTo(503);
    assertThat(NewsletterController.SLOW_CANCELLED.await(20, TimeUnit.SECONDS)).isTrue();

    assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
    List<ReceivedEvent> confirmations =
        OPTIMOVE.acceptedEvents().stream()
            .filter(e -> e.event().equals("newsletter_confirmed"))
            .toList();
    assertThat(confirmations).hasSize(1);
    assertThat(confirmations.get(0).customer()).isEqualTo("alice");
    assertThat(confirmations.get(0).context())
        .containsEntry("email", "m@example.com")
        .containsEntry("confirmation", "confirmed m@example.com");
    assertThat(client.stats().dropped()).isZero();
  }

  @Test
  void aPrometheusScrapeShowsTheEventsByOutcome() throws Exception {
    assertThat(post("/newsletter?email=scraped@example.com").statusCode()).isEqualTo(200);
    assertThat(client.flush(Duration.ofSeconds(20))).isTrue();

    HttpResponse<String> scrape = get("/actuator/prometheus");

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .containsPattern("optimove_events_total\\{[^}]*outcome=\"accepted\"[^}]*} [1-9]")
        .containsPattern("optimove_events_total\\{[^}]*outcome=\"delivered\"[^}]*} [1-9]");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(signedIn(path, "alice:secret").GET().build());
  }

  private HttpResponse<String> post(String path) throws Exception {
    return post(path, "alice:secret");
  }

  private HttpResponse<String> post(String path, String credentials) throws Exception {
    return send(signedIn(path, credentials).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /** A request to this application with HTTP Basic credentials ({@code user:password}). */
  private HttpRequest.Builder signedIn(String path, String credentials) {
    String port = environment.getProperty("local.server.port");
    String basic =
        Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + basic);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  static boolean isWoven(Class<?> type) {
    for (var field : type.getDeclaredFields()) {
      if (field.getName().startsWith("ajc$")) {
        return true;
      }
    }
    return false;
  }
}
