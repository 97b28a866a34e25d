package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.DeliveryObserver;
import dev.optievent.testing.FakeOptimoveServer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which threads carry requests: virtual ones on Java 21 and later, platform ones before. */
class RequestThreadsTest {
  private FakeOptimoveServer server;
  private OptimoveClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void requestsRunOnVirtualThreadsWhereTheJavaVersionHasThem() throws Exception {
    server = DeliveryFixture.server();
    client = OptimoveClient.create(config(server).build());
    Set<Thread> requestThreads = ConcurrentHashMap.newKeySet();
    ClientAccess.get()
        .observe(
            client,
            new DeliveryObserver() {
              @Override
              public void exchange(int status, boolean timedOut, String eventKey, long nanos) {
                requestThreads.add(Thread.currentThread()); // called on the request thread
              }
            });

    for (int i = 0; i < 20; i++) {
      client.send(event(i));
    }
    assertThat(flushed(client).delivered()).isEqualTo(20);

    boolean javaHasVirtualThreads = Runtime.version().feature() >= 21;
    assertThat(requestThreads).isNotEmpty();
    for (Thread t : requestThreads) {
      assertThat(t.getName()).startsWith("optimove-request-");
      assertThat(isVirtual(t)).as(t.getName()).isEqualTo(javaHasVirtualThreads);
      assertThat(t.isDaemon()).isTrue();
    }
  }

  private static boolean isVirtual(Thread t) throws Exception {
    try {
      return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
    } catch (NoSuchMethodException e) {
      return false; // Java 17 to 18
    }
  }
}
