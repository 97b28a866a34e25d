package com.example.orders;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AuditService {
  private final JdbcTemplate jdbc;

  public AuditService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Its own transaction: kept, and reported, even when the order's rolls back. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  @OptimoveEvent(name = "order_audited")
  public void record(String auditId, @CustomerId String customer) {
    jdbc.update("insert into audit_log values (?, ?)", auditId, customer);
  }
}
