package com.example.shop;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import lombok.extern.slf4j.Slf4j;

/** A Lombok service: every path below names a getter that only Lombok writes. */
@Slf4j
public class SubscriptionService {

  @OptimoveEvent(name = "plan_subscribed")
  public void subscribe(
      @CustomerId(path = "customer.id")
          @EventParam(value = "plan", path = "plan")
          @EventParam(value = "seats", path = "seats")
          @EventParam(value = "trial", path = "trial")
          @EventParam(value = "tier", path = "customer.tier")
          Subscription subscription) {
    log.info("subscribed to {}", subscription.getPlan());
  }

  @OptimoveEvent(name = "plan_cancelled")
  @EventParam(value = "plan", path = "plan")
  @EventParam(value = "refund_cents", path = "refundCents")
  public Receipt cancel(@CustomerId String customerId, @EventParam("reason") String reason) {
    log.info("cancelled: {}", reason);
    return new Receipt("gold", 1250L);
  }
}
