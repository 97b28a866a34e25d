package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classes woven by ajc, loaded under the AspectJ agent: each call still reports one event. */
class WovenTwiceReportsOnceTest {

  @Test
  void eachCallReportsOnceUnderTheAgent() throws Exception {
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertTrue(jvmArgs.stream().anyMatch(a -> a.startsWith("-javaagent:") && a.contains("aspectjweaver")),
        "the test JVM runs with the AspectJ agent: " + jvmArgs);

    try (FakeOptimoveServer server = FakeOptimoveServer.start();
         OptimoveClient client = OptimoveClient.create(OptimoveConfig.builder()
             .endpoint(server.endpoint()).tenant(1).build())) {
      OptimoveReporting.connect(client);
      try {
        new NewsletterService().signUp("c-1001", "ada@example.com", true);
        new CheckoutService().checkout("c-1001", new CheckoutService.Cart(2, new BigDecimal("59.90")));

        // Everything the two calls handed to the client is settled: a second weaving would have
        // handed over two more events.
        assertTrue(client.flush(Duration.ofSeconds(10)), "settled: " + client.stats());
        List<ReceivedEvent> events = server.acceptedEvents();
        events.forEach(e -> System.out.println("The endpoint received: " + e.rawJson()));
        assertEquals(2, client.stats().accepted(), "events handed to the client: " + client.stats());
        assertEquals(2, events.size(), "accepted events: " + events);
      } finally {
        OptimoveReporting.disconnect(client);
      }
    }
  }
}
