package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The consumer's own classes were woven at build time: calling them reports to the endpoint. */
class WovenReportingTest {

  @Test
  void theWovenMethodsReportTheirEventsCheckedAgainstTheGeneratedCatalog() throws Exception {
    // The catalog the annotation processor wrote into this build's classes, used as the runtime
    // catalog: it proves that the two agree on the format and on the events.
    URL catalog = getClass().getClassLoader().getResource("META-INF/optimove/events.json");
    assertNotNull(catalog, "META-INF/optimove/events.json is on the class path");

    try (FakeOptimoveServer server = FakeOptimoveServer.start();
         OptimoveClient client = OptimoveClient.create(OptimoveConfig.builder()
             .endpoint(server.endpoint()).tenant(1).catalog(Path.of(catalog.toURI())).build())) {
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
