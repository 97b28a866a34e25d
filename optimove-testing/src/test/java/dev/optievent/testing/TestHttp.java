package dev.optievent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Real HTTP calls with the JDK client, as our sender makes them. */
final class TestHttp {

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestHttp() {}

  static HttpRequest postRequest(URI uri, String body) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
    return post(CLIENT, uri, body);
  }

  static HttpResponse<String> post(HttpClient client, URI uri, String body)
      throws IOException, InterruptedException {
    return client.send(postRequest(uri, body), HttpResponse.BodyHandlers.ofString());
  }

  static CompletableFuture<HttpResponse<String>> postAsync(URI uri, String body) {
    return CLIENT.sendAsync(postRequest(uri, body), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postUnchecked(URI uri, String body) {
    try {
      return post(uri, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
