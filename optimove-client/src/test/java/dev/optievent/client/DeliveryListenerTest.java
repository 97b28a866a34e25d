package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The listener hears every outcome once, on its own thread, and cannot hurt delivery. */
class DeliveryListenerTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;

  @Test
  void hearsEachOutcomeExactlyOnce() {
    DeliveryListener listener = mock(DeliveryListener.class);
    client = endpoint.client(config(server).deliveryListener(listener).build());
    Event delivered = event(1);
    Event rejected = event(2);
    Event dropped = Event.builder("anonymous").build();

    client.send(delivered);
    flushed(client);
    server.script(Fault.errorStatus("event is not configured"));
    client.send(rejected);
    flushed(client);
    client.send(dropped);
    ClientAccess.get()
        .dropped(client, event(3), Reasons.VALUE_CAPTURE_FAILED, new IllegalStateException("boom"));
    Event tooLong =
        Event.builder("order_placed").customer("c-4").param("note", "x".repeat(300)).build();
    client.send(tooLong);
    flushed(client);

    verify(listener, timeout(2_000)).onDelivered(eq(delivered), anyString());
    verify(listener, timeout(2_000))
        .onRejected(
            rejected,
            "server_error",
            "Failed to validate the event with the following error - event is not configured");
    verify(listener, timeout(2_000)).onDropped(dropped, "no_identity");
    verify(listener, timeout(2_000)).onDropped(event(3), Reasons.VALUE_CAPTURE_FAILED);
    verify(listener, timeout(2_000))
        .onRejected(
            tooLong,
            Reasons.VALUE_TOO_LONG,
            "event 'order_placed', parameter 'note': text of 300 characters; the most allowed is 255");
    client.close();
    verifyNoMoreInteractions(listener);
    ClientStats stats = DeliveryFixture.assertBalanced(client.stats());
    assertThat(stats.accepted()).isEqualTo(5);
    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.rejectedByReason())
        .containsOnly(mapEntry("server_error"), mapEntry(Reasons.VALUE_TOO_LONG));
    assertThat(stats.droppedByReason())
        .containsOnly(mapEntry("no_identity"), mapEntry(Reasons.VALUE_CAPTURE_FAILED));
  }

  private static java.util.Map.Entry<String, Long> mapEntry(String reason) {
    return java.util.Map.entry(reason, 1L);
  }

  @Test
  void callsTheListenerOnItsOwnThread() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch heard = new CountDownLatch(2);
    DeliveryListener listener =
        new DeliveryListener() {
          @Override
          public void onDelivered(Event event, String messageId) {
            threads.add(Thread.currentThread().getName());
            heard.countDown();
          }

          @Override
          public void onDropped(Event event, String reason) {
            threads.add(Thread.currentThread().getName());
            heard.countDown();
          }
        };
    client = endpoint.client(config(server).deliveryListener(listener).build());

    client.send(event(1));
    client.send(Event.builder("anonymous").build()); // dropped on the calling thread

    await().atMost(Duration.ofSeconds(5)).until(() -> heard.getCount() == 0);
    assertThat(threads).singleElement().asString().startsWith("optimove-listener-");
  }

  @Test
  void aThrowingListenerDoesNotBreakDelivery() {
    AtomicInteger calls = new AtomicInteger();
    DeliveryListener listener =
        new DeliveryListener() {
          @Override
          public void onDelivered(Event event, String messageId) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
          }
        };
    client = endpoint.client(config(server).deliveryListener(listener).build());

    for (int i = 0; i < 50; i++) {
      client.send(event(i));
    }
    ClientStats stats = flushed(client);

    assertThat(stats.delivered()).isEqualTo(50);
    await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 50);
    // Still alive after all that throwing.
    client.send(event(50));
    assertThat(flushed(client).delivered()).isEqualTo(51);
    await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 51);
  }

  @Test
  void aSlowListenerDoesNotStallDelivery() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstCall = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    DeliveryListener listener =
        new DeliveryListener() {
          @Override
          public void onDelivered(Event event, String messageId) {
            calls.incrementAndGet();
            firstCall.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    client = endpoint.client(config(server).deliveryListener(listener).build());
    try {
      for (int i = 0; i < 100; i++) {
        client.send(event(i));
      }
      ClientStats stats = flushed(client);

      assertThat(stats.delivered()).isEqualTo(100);
      assertThat(server.acceptedCount()).isEqualTo(100);
      // The listener thread may not have started its first call when flush returns: wait for it.
      assertThat(firstCall.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(calls.get()).isEqualTo(1); // still stuck in the first call
    } finally {
      release.countDown();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 100);
  }

  @Test
  void skipsAndCountsNotificationsWhenTheListenerFallsFarBehind() {
    CountDownLatch release = new CountDownLatch(1);
    DeliveryListener listener =
        new DeliveryListener() {
          @Override
          public void onDropped(Event event, String reason) {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    client = endpoint.client(config(server).queueCapacity(10).deliveryListener(listener).build());
    try {
      // Dropped at once (no identity): far more notifications than the listener's queue holds.
      for (int i = 0; i < 3_000; i++) {
        client.send(Event.builder("anonymous").build());
      }
      assertThat(client.skippedNotifications()).isPositive();
      assertThat(client.stats().dropped("no_identity")).isEqualTo(3_000);

      client.send(event(1));
      assertThat(flushed(client).delivered()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }
}
