package com.example.shop;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.math.BigDecimal;

/** Parameters from properties of an argument and from the return value. */
public class CheckoutService {

  public record Cart(int items, BigDecimal total) {}

  public record Order(String id) {}

  @OptimoveEvent(name = "checkout_completed")
  @EventParam(value = "order_id", path = "id")
  public Order checkout(@CustomerId String customerId,
                        @EventParam(value = "items", path = "items")
                        @EventParam(value = "total", path = "total") Cart cart) {
    return new Order("o-1");
  }
}
