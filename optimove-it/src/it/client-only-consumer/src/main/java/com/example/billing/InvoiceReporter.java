package com.example.billing;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Reporting written by hand, as without the aspect: builds each event and sends it. */
public final class InvoiceReporter {

  /** How an invoice was paid; sent as its {@code name()}. */
  public enum PaymentMethod {
    CARD,
    BANK_TRANSFER
  }

  private final OptimoveClient client;

  public InvoiceReporter(OptimoveClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Reports that a customer paid an invoice. Never waits for the network.
   *
   * @return whether the client queued the event for delivery
   */
  public boolean invoicePaid(
      String customerId,
      String invoiceId,
      BigDecimal amount,
      PaymentMethod method,
      Instant paidAt) {
    return client.send(
        Event.builder("invoice_paid")
            .customer(customerId)
            .param("invoice_id", invoiceId)
            .param("amount", amount)
            .param("payment_method", method)
            .param("paid_at", paidAt)
            .build());
  }
}
