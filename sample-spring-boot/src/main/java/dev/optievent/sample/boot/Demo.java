package dev.optievent.sample.boot;

import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Calls the running application over HTTP as {@code alice} and reports what was delivered. */
@Component
class Demo {
  private static final List<String> EMAILS =
      List.of("ann@example.com", "bob@example.com", "cyd@example.com");

  private final Environment environment;
  private final OptimoveClient client;

  Demo(Environment environment, OptimoveClient client) {
    this.environment = environment;
    this.client = client;
  }

  /** Returns the process exit code: 0 when every event was delivered. */
  int run(FakeOptimoveServer embedded) {
    try {
      HttpClient http = HttpClient.newHttpClient();
      String port = environment.getProperty("local.server.port");
      String auth =
          Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
      for (String email : EMAILS) {
        HttpRequest request =
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/newsletter?email=" + email))
                .header("Authorization", "Basic " + auth)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("POST /newsletter -> " + response.statusCode() + " " + response.body());
      }
    } catch (Exception e) {
      System.out.println("The demo's requests failed: " + e);
      return 1;
    }
    client.flush(Duration.ofSeconds(10));
    if (embedded != null) {
      embedded.acceptedEvents().forEach(e -> System.out.println("Endpoint received: " + e));
    }
    ClientStats stats = client.stats();
    System.out.println(
        "delivered " + stats.delivered() + " of " + EMAILS.size() + " events (" + stats + ")");
    return stats.delivered() == EMAILS.size() ? 0 : 1;
  }
}
