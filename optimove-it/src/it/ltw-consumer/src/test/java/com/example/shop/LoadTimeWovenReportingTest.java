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

/** Nothing was woven at build time: the agent weaves the annotated methods as they load. */
class LoadTimeWovenReportingTest {

  @Test
  void theAgentWeavesTheAnnotatedMethodsAndTheirEventsArrive() throws Exception {
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

        List<ReceivedEvent> events = server.awaitAcceptedEvents(2, Duration.ofSeconds(10));
        assertEquals(2, events.size(), "accepted events: " + events);
        events.forEach(e -> System.out.println("The endpoint received: " + e.rawJson()));

        ReceivedEvent signup = named(events, "newsletter_signup");
        assertEquals("c-1001", signup.customer());
        assertEquals("ada@example.com", signup.context().get("email"));
        assertEquals(Boolean.TRUE, signup.context().get("opt_in"));

        ReceivedEvent checkout = named(events, "checkout_completed");
        assertEquals("o-1", checkout.context().get("order_id"));
        assertEquals("2", String.valueOf(checkout.context().get("items")));
        assertEquals(0, new BigDecimal("59.90").compareTo(
            new BigDecimal(String.valueOf(checkout.context().get("total")))));
      } finally {
        OptimoveReporting.disconnect(client);
      }
    }
  }

  private static ReceivedEvent named(List<ReceivedEvent> events, String name) {
    return events.stream().filter(e -> e.event().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " event in " + events));
  }
}
