package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** flush() and close(): what is settled, what is reported, and what is left running. */
class FlushAndCloseTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;
  private final DeliveryListener listener = mock(DeliveryListener.class);

  @Test
  void flushReturnsTrueOnceEverythingIsSettled() {
    client = endpoint.client(endpoint.config().build());
    for (int i = 0; i < 20; i++) {
      client.send(event(i));
    }

    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();

    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.pending()).isZero();
    assertThat(stats.delivered()).isEqualTo(20);
  }

  @Test
  void flushReturnsFalseWhenTheTimeRunsOut() {
    try (Stall stall = new Stall(server)) {
      client = endpoint.client(endpoint.config().build());
      client.send(event(1));

      assertThat(client.flush(Duration.ofMillis(100))).isFalse();
      assertThat(client.stats().pending()).isEqualTo(1);
    }
  }

  @Test
  void flushWithNothingToDoReturnsAtOnce() {
    client = endpoint.client(endpoint.config().build());
    assertThat(client.flush(Duration.ZERO)).isTrue();
  }

  @Test
  void closeDeliversWhatIsQueued() {
    server.setResponseDelay(Duration.ofMillis(50));
    client = endpoint.client(endpoint.config().maxInFlight(4).deliveryListener(listener).build());
    for (int i = 0; i < 40; i++) {
      client.send(event(i));
    }

    client.close();

    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.delivered()).isEqualTo(40);
    assertThat(stats.pending()).isZero();
    assertThat(server.acceptedCount()).isEqualTo(40);
    verify(listener, timeout(2_000).times(40)).onDelivered(any(), any());
  }

  @Test
  void closeWithTheEndpointDownReportsTheRestAsShutdownDrops() {
    int port = FakeOptimoveServer.freeLoopbackPort();
    client =
        endpoint.client(
            config(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                .maxAttempts(1_000)
                .shutdownTimeout(Duration.ofMillis(200))
                .deliveryListener(listener)
                .build());
    for (int i = 0; i < 10; i++) {
      client.send(event(i));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> client.stats().retries() >= 10);

    client.close();

    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.dropped("shutdown")).isEqualTo(10);
    assertThat(stats.pending()).isZero();
    for (int i = 0; i < 10; i++) {
      verify(listener, timeout(2_000)).onDropped(event(i), "shutdown");
    }
    verify(listener, times(10)).onDropped(any(), eq("shutdown"));
  }

  @Test
  void closeReportsQueuedAndInFlightEventsOnceEvenIfAnAnswerComesLater() {
    Stall stall = new Stall(server);
    client =
        endpoint.client(
            endpoint
                .config()
                .maxInFlight(1)
                .shutdownTimeout(Duration.ofMillis(100))
                .deliveryListener(listener)
                .build());
    client.send(event(0));
    await().atMost(Duration.ofSeconds(5)).until(() -> stall.arrived() == 1);
    for (int i = 1; i <= 5; i++) {
      client.send(event(i)); // queued behind the one in flight
    }

    client.close();
    stall.release(); // the answer to event 0 now arrives, too late

    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.dropped("shutdown")).isEqualTo(6);
    assertThat(stats.delivered()).isZero();
    assertThat(stats.pending()).isZero();
    for (int i = 0; i <= 5; i++) {
      verify(listener, timeout(2_000)).onDropped(event(i), "shutdown");
    }
    verify(listener, times(6)).onDropped(any(), eq("shutdown"));
    verify(listener, times(0)).onDelivered(any(), any());
    assertThat(server.acceptedCount()).isEqualTo(1); // the queued ones were never sent
  }

  @Test
  void sendAfterCloseIsDroppedAsClosed() {
    client = endpoint.client(endpoint.config().deliveryListener(listener).build());
    client.close();
    Event late = event(1);

    assertThat(client.send(late)).isFalse();

    assertThat(client.isClosed()).isTrue();
    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.dropped("closed")).isEqualTo(1);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void closeIsIdempotent() {
    client = endpoint.client(endpoint.config().build());
    client.send(event(1));
    client.close();
    client.close();

    assertThat(client.stats().delivered()).isEqualTo(1);
    assertThat(client.isClosed()).isTrue();
  }

  @Test
  void leavesNoThreadRunningAfterClose() {
    client = endpoint.client(endpoint.config().deliveryListener(listener).build());
    server.script(Fault.status(503));
    for (int i = 0; i < 20; i++) {
      client.send(event(i));
    }
    DeliveryFixture.flushed(client);
    assertThat(clientThreads()).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());

    client.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> clientThreads().isEmpty());
  }

  @Test
  void closeReturnsOnlyOnceTheClientsThreadsHaveEndedEvenWithAnswersStalledMidBody() {
    Fault[] stalls = new Fault[64];
    java.util.Arrays.fill(stalls, Fault.stallBody(10, Duration.ofSeconds(30)));
    server.script(stalls);
    ClientThreads threads =
        ClientThreads.track(
            () ->
                client =
                    endpoint.client(
                        endpoint
                            .config()
                            .maxInFlight(64)
                            .requestTimeout(Duration.ofSeconds(20))
                            .shutdownTimeout(Duration.ofMillis(100))
                            .build()));
    for (int i = 0; i < 64; i++) {
      client.send(event(i));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> threads.inHttpSend().size() == 64);
    long start = System.nanoTime();

    client.close();

    assertThat(threads.alive()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(assertBalanced(client.stats()).dropped("shutdown")).isEqualTo(64);
  }

  private static Set<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("optimove-") && t.isAlive())
        .collect(Collectors.toSet());
  }

  @Test
  void theShutdownHookClosesTheClientAndIsRemovedOnExplicitClose() {
    client = endpoint.client(endpoint.config().shutdownHook(true).build());
    Thread hook = client.shutdownHook();
    assertThat(hook).isNotNull();
    client.send(event(1));

    hook.run(); // what the JVM would do on exit

    assertThat(client.isClosed()).isTrue();
    assertThat(client.stats().delivered()).isEqualTo(1);
    // close() took it off the JVM's list already.
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
  }

  @Test
  void noShutdownHookUnlessAskedFor() {
    client = endpoint.client(endpoint.config().build());
    assertThat(client.shutdownHook()).isNull();
  }

  @Test
  void closeFromAnInterruptedThreadStillDeliversWhatIsQueued() {
    server.setResponseDelay(Duration.ofMillis(20));
    client = endpoint.client(endpoint.config().maxInFlight(2).build());
    for (int i = 0; i < 20; i++) {
      client.send(event(i));
    }

    Thread.currentThread().interrupt();
    client.close();
    boolean stillInterrupted = Thread.interrupted();

    ClientStats stats = assertBalanced(client.stats());
    assertThat(stats.delivered()).isEqualTo(20);
    assertThat(stats.dropped()).isZero();
    assertThat(stillInterrupted).as("the interrupt flag is restored").isTrue();
  }

  @Test
  void noListenerCallbackRunsAfterCloseReturns() {
    AtomicInteger heard = new AtomicInteger();
    CountDownLatch never = new CountDownLatch(1);
    DeliveryListener slow =
        new DeliveryListener() {
          @Override
          public void onDelivered(Event event, String messageId) {
            heard.incrementAndGet();
            try {
              never.await(50, TimeUnit.MILLISECONDS); // a listener slower than close() waits for
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    client = endpoint.client(endpoint.config().deliveryListener(slow).build());
    for (int i = 0; i < 100; i++) {
      client.send(event(i));
    }
    DeliveryFixture.flushed(client);

    client.close();
    int heardAtClose = heard.get();

    assertThat(heardAtClose).isLessThan(100);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> heard.get() == heardAtClose);
    assertThat(client.skippedNotifications()).isEqualTo(100 - heardAtClose);
    assertThat(clientThreads()).isEmpty();
  }

  @Test
  void aSendAfterCloseIsCountedButNotHeard() {
    client = endpoint.client(endpoint.config().deliveryListener(listener).build());
    client.close();

    client.send(event(1));

    assertThat(client.stats().dropped("closed")).isEqualTo(1);
    assertThat(client.skippedNotifications()).isEqualTo(1);
    verifyNoInteractions(listener);
  }

  @Test
  void aListenerThatReportsEachDropCannotLoopForever() {
    AtomicInteger heard = new AtomicInteger();
    DeliveryListener echo =
        new DeliveryListener() {
          @Override
          public void onDropped(Event event, String reason) {
            heard.incrementAndGet();
            client.send(Event.builder("drop_seen").build()); // no identity: dropped again
          }
        };
    client = endpoint.client(endpoint.config().deliveryListener(echo).build());

    client.send(Event.builder("anonymous").build());

    await().atMost(Duration.ofSeconds(2)).until(() -> client.stats().dropped("no_identity") == 2);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> client.stats().dropped("no_identity") == 2 && heard.get() == 1);
  }
}
