package com.example.orders;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CheckoutService {
  private final OrderService orders;

  public CheckoutService(OrderService orders) {
    this.orders = orders;
  }

  /** Places the order, then the fraud check may reject the whole checkout. */
  @Transactional
  public void checkout(String orderId, String customer, int total) {
    orders.place(orderId, customer, total);
    if (total > 1_000) {
      throw new IllegalStateException("fraud check rejected order " + orderId);
    }
  }
}
