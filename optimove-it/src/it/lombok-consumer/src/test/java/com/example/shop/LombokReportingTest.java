package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lombok's classes, compiled by javac and woven afterwards by ajc, report with the right values. */
class LombokReportingTest {

  @Test
  void lombokAccessorsFeedTheEventsOfTheWovenService() throws Exception {
    try (FakeOptimoveServer server = FakeOptimoveServer.start();
         OptimoveClient client = OptimoveClient.create(OptimoveConfig.builder()
             .endpoint(server.endpoint()).tenant(1).build())) {
      OptimoveReporting.connect(client);
      try {
        SubscriptionService service = new SubscriptionService();
        service.subscribe(new Subscription(new Customer("c-2002", "vip"), "gold", 3, true));
        service.cancel("c-2002", "too_expensive");

        List<ReceivedEvent> events = server.awaitAcceptedEvents(2, Duration.ofSeconds(10));
        assertEquals(2, events.size(), "accepted events: " + events);
        events.forEach(e -> System.out.println("The endpoint received: " + e.rawJson()));

        ReceivedEvent subscribed = named(events, "plan_subscribed");
        assertEquals("c-2002", subscribed.customer());
        assertEquals("gold", subscribed.context().get("plan"));
        assertEquals("3", String.valueOf(subscribed.context().get("seats")));
        assertEquals(Boolean.TRUE, subscribed.context().get("trial"));
        assertEquals("vip", subscribed.context().get("tier"));

        ReceivedEvent cancelled = named(events, "plan_cancelled");
        assertEquals("c-2002", cancelled.customer());
        assertEquals("gold", cancelled.context().get("plan"));
        assertEquals("1250", String.valueOf(cancelled.context().get("refund_cents")));
        assertEquals("too_expensive", cancelled.context().get("reason"));
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
