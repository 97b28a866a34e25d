package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * Answers that never end, end too slowly or are too big: one deadline covers the whole exchange,
 * headers and body, and no more than a capped prefix of a body is read.
 */
class StalledAndOversizedAnswersTest {
  private static final Duration LONG_STALL = Duration.ofSeconds(30);

  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;
  private final DeliveryListener listener = mock(DeliveryListener.class);

  private static Fault[] times(int n, Fault fault) {
    Fault[] faults = new Fault[n];
    Arrays.fill(faults, fault);
    return faults;
  }

  @Test
  void deliversEveryEventWhenMoreAnswersThanRequestSlotsStallAfterTheirHeaders() {
    server.script(times(70, Fault.stallAfterHeaders(LONG_STALL)));
    ClientThreads threads =
        ClientThreads.track(
            () ->
                client =
                    endpoint.client(
                        config(server)
                            .maxInFlight(64)
                            .requestTimeout(Duration.ofMillis(300))
                            .build()));

    for (int i = 0; i < 100; i++) {
      client.send(event(i));
    }
    ClientStats stats = flushed(client);

    assertThat(stats.delivered()).isEqualTo(100);
    assertThat(stats.retries()).isGreaterThanOrEqualTo(64);
    assertThat(
            server.acceptedEvents().stream()
                .map(ReceivedEvent::customer)
                .collect(Collectors.toSet()))
        .hasSize(100); // the stalled ones too were stored: at least once
    assertThat(threads.inHttpSend()).isEmpty();
  }

  @Test
  void retriesAnAnswerWhoseBodyStallsHalfway() {
    server.script(Fault.stallBody(20, LONG_STALL));
    client = endpoint.client(config(server).requestTimeout(Duration.ofMillis(300)).build());

    client.send(event(1));
    ClientStats stats = flushed(client);

    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.retries()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void retriesAnAnswerWhoseBodyDripsPastTheRequestTimeout() {
    // About 50 bytes at 50 ms each: 2.5 s for the whole body, against a 300 ms deadline.
    server.script(Fault.slowBody(Duration.ofMillis(50)));
    client = endpoint.client(config(server).requestTimeout(Duration.ofMillis(300)).build());

    client.send(event(1));
    ClientStats stats = flushed(client);

    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.retries()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void dropsAnEventStuckInAStalledAnswerAsExpiredOnceItsDeadlinePasses() {
    server.script(Fault.stallAfterHeaders(LONG_STALL));
    client =
        endpoint.client(
            config(server)
                .requestTimeout(Duration.ofMillis(400))
                .maxEventAge(Duration.ofMillis(200))
                .deliveryListener(listener)
                .build());
    Event event = event(1);

    client.send(event);
    ClientStats stats = flushed(client);

    assertThat(stats.dropped("expired")).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
    verify(listener, timeout(2_000)).onDropped(event, "expired");
  }

  @Test
  void readsNoMoreThanTheCapOfAnOversizedAnswer() {
    long size = 50L * 1024 * 1024;
    server.script(Fault.oversizedBody(200, size));
    client = endpoint.client(config(server).deliveryListener(listener).build());
    Event event = event(1);

    client.send(event);
    ClientStats stats = flushed(client);

    assertThat(stats.delivered()).isEqualTo(1);
    String id = server.acceptedEvents().get(0).messageId();
    verify(listener, timeout(2_000)).onDelivered(event, id); // read from the capped prefix
    // The client closed the connection after the cap: the fake could write no more than the
    // socket buffers took, far from the 50 MB of the answer.
    await().atMost(Duration.ofSeconds(10)).until(() -> server.answersInProgress() == 0);
    assertThat(server.bodyBytesSent()).isLessThan(size / 4);
  }

  @Test
  void capsTheServersMessageBeforeTheListenerHearsIt() {
    server.script(Fault.errorStatus("no such event " + "x".repeat(20_000)));
    client = endpoint.client(config(server).deliveryListener(listener).build());
    Event event = event(1);

    client.send(event);
    flushed(client);

    ArgumentCaptor<String> message = ArgumentCaptor.forClass(String.class);
    verify(listener, timeout(2_000)).onRejected(eq(event), eq("server_error"), message.capture());
    assertThat(message.getValue())
        .startsWith("Failed to validate the event with the following error - no such event xxx")
        .hasSizeLessThanOrEqualTo(1_003);
  }
}
