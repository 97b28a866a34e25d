package dev.optievent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void awaitTimesOutNamingWhatArrived() throws Exception {
    try (FakeOptimoveServer server = FakeOptimoveServer.start()) {
      TestHttp.post(server.endpoint(), Events.event("c1"));
      TestHttp.post(server.endpoint(), "{}");

      long start = System.nanoTime();
      assertThatThrownBy(() -> server.awaitAcceptedEvents(3, Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining(
              "Expected at least 3 accepted event(s) within 200 ms, but 1 arrived")
          .hasMessageContaining("2 request(s) seen")
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("tenantId is missing or invalid");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void awaitWakesUpWhenEventsArrive() {
    try (FakeOptimoveServer server = FakeOptimoveServer.start()) {
      CompletableFuture<List<ReceivedEvent>> waiting =
          CompletableFuture.supplyAsync(
              () -> server.awaitAcceptedEvents(2, Duration.ofSeconds(10)));
      TestHttp.postUnchecked(server.endpoint(), Events.event("c1"));
      TestHttp.postUnchecked(server.endpoint(), Events.event("c2"));

      assertThat(waiting.orTimeout(5, TimeUnit.SECONDS).join())
          .extracting(ReceivedEvent::customer)
          .containsExactly("c1", "c2");
    }
  }

  @Test
  void aPortRefusedNowCanComeUpLaterAndRestartRightAfterClose() throws Exception {
    int port = FakeOptimoveServer.freeLoopbackPort();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/v1/events");

    assertThatThrownBy(() -> TestHttp.post(client, endpoint, Events.event("c0")))
        .isInstanceOf(ConnectException.class);

    for (int round = 1; round <= 3; round++) {
      try (FakeOptimoveServer server = FakeOptimoveServer.builder().port(port).start()) {
        assertThat(server.port()).isEqualTo(port);
        assertThat(server.endpoint()).isEqualTo(endpoint);
        assertThat(TestHttp.post(client, endpoint, Events.event("c" + round)).statusCode())
            .isEqualTo(200);
        assertThat(server.acceptedEvents())
            .extracting(ReceivedEvent::customer)
            .containsExactly("c" + round);
      }
      assertThatThrownBy(() -> TestHttp.post(client, endpoint, Events.event("down")))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void closeIsIdempotent() {
    FakeOptimoveServer server = FakeOptimoveServer.start();
    server.close();
    server.close();
    assertThat(server.toString()).endsWith(", closed]");
  }

  @Test
  void resetClearsRecordingsFaultsAndDelay() throws Exception {
    try (FakeOptimoveServer server =
        FakeOptimoveServer.builder().responseDelay(Duration.ofSeconds(30)).start()) {
      server.setResponseDelay(Duration.ZERO);
      TestHttp.post(server.endpoint(), Events.event("c1"));
      server.script(Fault.status(500), Fault.status(500));
      assertThat(TestHttp.post(server.endpoint(), Events.event("c2")).statusCode()).isEqualTo(500);
      server.setResponseDelay(Duration.ofSeconds(30));

      server.reset();

      assertThat(server.acceptedEvents()).isEmpty();
      assertThat(server.requests()).isEmpty();
      assertThat(server.acceptedCount()).isZero();
      assertThat(server.requestCount()).isZero();
      long start = System.nanoTime();
      assertThat(TestHttp.post(server.endpoint(), Events.event("c3")).statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(server.acceptedEvents()).extracting(ReceivedEvent::customer).containsExactly("c3");
    }
  }

  @Test
  void threadsAreNamedDaemonsAndStopOnClose() throws Exception {
    FakeOptimoveServer server =
        FakeOptimoveServer.builder().responseDelay(Duration.ofMillis(1)).start();
    TestHttp.post(server.endpoint(), Events.event("c1"));
    String prefix = "fake-optimove-" + server.port() + "-";

    Set<Thread> threads = threadsNamed(prefix);
    assertThat(threads)
        .extracting(Thread::getName)
        .contains(prefix + "dispatcher", prefix + "idle-timer")
        .anyMatch(name -> name.startsWith(prefix + "worker-"))
        .anyMatch(name -> name.startsWith(prefix + "responder-"));
    assertThat(threads).allMatch(Thread::isDaemon);
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .doesNotContain("HTTP-Dispatcher", "idle-timeout-task");

    server.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed(prefix).isEmpty());
  }

  @Test
  void tunesTheJdkServerAgainstNagleDelays() throws Exception {
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    try (FakeOptimoveServer server = FakeOptimoveServer.start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      TestHttp.post(client, server.endpoint(), Events.event("warm-up"));
      long start = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        TestHttp.post(client, server.endpoint(), Events.event("c" + i));
      }
      // With Nagle's algorithm each answer on the kept-alive connection would wait ~40 ms: >= 2 s
      // in all.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void validatesBuilderArguments() {
    assertThatThrownBy(() -> FakeOptimoveServer.builder().port(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeOptimoveServer.builder().port(65_536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeOptimoveServer.builder().expectedTenant(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeOptimoveServer.builder().responseDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTakenPortFailsToStart() {
    try (FakeOptimoveServer first = FakeOptimoveServer.start()) {
      assertThatThrownBy(() -> FakeOptimoveServer.builder().port(first.port()).start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(String.valueOf(first.port()));
    }
  }

  private static Set<Thread> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(prefix))
        .collect(Collectors.toSet());
  }
}
