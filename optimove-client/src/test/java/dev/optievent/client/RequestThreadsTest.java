package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.DeliveryObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which threads carry requests: virtual ones on Java 21 and later, platform ones before. */
class RequestThreadsTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();

  @Test
  void requestsRunOnVirtualThreadsWhereTheJavaVersionHasThem() throws Exception {
    OptimoveClient client = endpoint.client(endpoint.config().build());
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
