package com.example.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.billing.InvoiceReporter.PaymentMethod;
import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client on its own, without AspectJ: hand-built events reach the endpoint, mapped. */
class InvoiceReporterTest {

  private static final long TENANT = 7;

  @Test
  void aHandBuiltEventIsDeliveredWithItsValuesMappedForOptimove() {
    try (FakeOptimoveServer server = FakeOptimoveServer.builder().expectedTenant(TENANT).start();
        OptimoveClient client =
            OptimoveClient.create(
                OptimoveConfig.builder().endpoint(server.endpoint()).tenant(TENANT).build())) {
      boolean queued =
          new InvoiceReporter(client)
              .invoicePaid(
                  "c-2002",
                  "inv-17",
                  new BigDecimal("1E+3"),
                  PaymentMethod.BANK_TRANSFER,
                  Instant.parse("2026-11-27T05:12:01.123Z"));
      assertTrue(queued, () -> "not queued: " + client.stats());
      assertTrue(client.flush(Duration.ofSeconds(10)), () -> "not settled: " + client.stats());

      ClientStats stats = client.stats();
      assertEquals(1, stats.accepted(), stats::toString);
      assertEquals(1, stats.delivered(), stats::toString);
      assertEquals(0, stats.rejected() + stats.dropped() + stats.pending(), stats::toString);

      List<ReceivedEvent> events = server.acceptedEvents();
      assertEquals(1, events.size(), () -> "accepted events: " + events);
      ReceivedEvent event = events.get(0);
      System.out.println("The endpoint received: " + event.rawJson());
      assertEquals(TENANT, event.tenant());
      assertEquals("invoice_paid", event.event());
      assertEquals("c-2002", event.customer());
      assertNull(event.visitor());

      Map<String, Object> context = event.context();
      assertEquals("inv-17", context.get("invoice_id"));
      assertEquals("BANK_TRANSFER", context.get("payment_method"));
      assertEquals("2026-11-27 05:12:01.123 UTC", context.get("paid_at"));
      // In the raw body: plain notation is what is on the wire, whatever the fake parses it to.
      assertTrue(
          event.rawJson().matches(".*\"amount\":1000[,}].*"),
          () -> "amount not written as 1000: " + event.rawJson());
    }
  }

  @Test
  void neitherAspectjNorTheAspectNorTheAnnotationsAreOnTheClassPath() {
    for (String name :
        List.of(
            "org.aspectj.lang.JoinPoint",
            "dev.optievent.aspect.OptimoveReporting",
            "dev.optievent.annotation.OptimoveEvent")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
  }
}
