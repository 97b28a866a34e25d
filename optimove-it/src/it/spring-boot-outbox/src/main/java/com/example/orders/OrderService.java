package com.example.orders;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrderService {
  private final JdbcTemplate jdbc;

  public OrderService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Its event is stored in the outbox in its transaction (or its caller's), sent once it commits. */
  @Transactional
  @OptimoveEvent(name = "order_placed")
  public void place(
      @EventParam("order_id") String orderId,
      @CustomerId String customer,
      @EventParam("total") int total) {
    jdbc.update("insert into orders values (?, ?, ?)", orderId, customer, total);
  }
}
