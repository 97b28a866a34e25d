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
  private final AuditService audit;

  public OrderService(JdbcTemplate jdbc, AuditService audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** Reported after its transaction commits. */
  @Transactional
  @OptimoveEvent(name = "order_placed")
  public void place(
      @EventParam("order_id") String orderId,
      @CustomerId String customer,
      @EventParam("total") int total) {
    jdbc.update("insert into orders values (?, ?, ?)", orderId, customer, total);
    audit.record(orderId + "-audit", customer);
  }
}
