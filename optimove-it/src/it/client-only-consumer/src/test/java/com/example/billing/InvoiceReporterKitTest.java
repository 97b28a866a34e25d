package com.example.billing;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;

import com.example.billing.InvoiceReporter.PaymentMethod;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.Reasons;
import dev.optievent.testing.junit.OptimoveExtension;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit without the aspect: it makes the client and has no aspect to connect. */
class InvoiceReporterKitTest {

  @RegisterExtension
  static final OptimoveExtension optimove = OptimoveExtension.builder().tenant(7).build();

  @Test
  void aHandBuiltEventArrivesAsTheKitExpectsIt(OptimoveClient client) {
    new InvoiceReporter(client)
        .invoicePaid(
            "c-2002",
            "inv-17",
            new BigDecimal("1E+3"),
            PaymentMethod.BANK_TRANSFER,
            Instant.parse("2026-11-27T05:12:01.123Z"));

    assertThat(optimove)
        .hasReceivedOnce(
            event("invoice_paid")
                .forCustomer("c-2002")
                .with("invoice_id", "inv-17")
                .with("amount", 1000)
                .with("payment_method", PaymentMethod.BANK_TRANSFER)
                .with("paid_at", "2026-11-27 05:12:01.123 UTC")
                .withNoOtherParameters())
        .hasDeliveredEverything();
  }

  @Test
  void anInvoiceWithoutACustomerIsDropped(OptimoveClient client) {
    new InvoiceReporter(client)
        .invoicePaid(null, "inv-18", BigDecimal.ONE, PaymentMethod.CARD, Instant.now());

    assertThat(optimove)
        .hasDropped(event("invoice_paid").with("invoice_id", "inv-18"), Reasons.NO_IDENTITY)
        .hasNotReceived(event("invoice_paid"));
  }
}
