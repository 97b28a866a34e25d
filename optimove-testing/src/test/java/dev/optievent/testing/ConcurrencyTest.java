package dev.optievent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

  @Test
  void delayedRequestsOverlapInsteadOfQueueing() {
    Duration delay = Duration.ofMillis(200);
    try (FakeOptimoveServer server = FakeOptimoveServer.builder().responseDelay(delay).start()) {
      for (int round = 0;
          round < 2;
          round++) { // the second round runs on the kept-alive connections
        int requests = round == 0 ? 200 : 256;
        server.reset();
        server.setResponseDelay(delay);

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls =
            IntStream.range(0, requests)
                .mapToObj(i -> TestHttp.postAsync(server.endpoint(), Events.event("c" + i)))
                .toList();
        List<Integer> statuses =
            calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(statuses).hasSize(requests).containsOnly(200);
        assertThat(took)
            .as(
                "%d requests each delayed %s, one after the other, would take %s",
                requests, delay, delay.multipliedBy(requests))
            .isLessThan(Duration.ofSeconds(5));
        assertThat(server.acceptedEvents()).hasSize(requests);
        assertThat(server.acceptedEvents())
            .extracting(ReceivedEvent::messageId)
            .doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void countsManyRequestsWithoutRecording() {
    try (FakeOptimoveServer server = FakeOptimoveServer.builder().recordEvents(false).start()) {
      int total = 2000;
      int parallel = 32;
      List<CompletableFuture<Void>> lanes =
          IntStream.range(0, parallel)
              .mapToObj(
                  lane ->
                      CompletableFuture.runAsync(
                          () -> {
                            for (int i = lane; i < total; i += parallel) {
                              assertThat(
                                      TestHttp.postUnchecked(
                                              server.endpoint(), Events.event("c" + i))
                                          .statusCode())
                                  .isEqualTo(200);
                            }
                          },
                          runnable -> new Thread(runnable).start()))
              .toList();
      lanes.forEach(CompletableFuture::join);

      assertThat(server.awaitAcceptedEvents(total, Duration.ofSeconds(5))).isEmpty();
      assertThat(server.acceptedCount()).isEqualTo(total);
      assertThat(server.requestCount()).isEqualTo(total);
      assertThat(server.requests()).isEmpty();
    }
  }
}
