package dev.optievent.outbox;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** A transactional service reported through Spring AOP proxies. Public, for class proxies. */
public class Orders {
  private final JdbcTemplate jdbc;

  /**
   * @param jdbc the template over the test's database
   */
  public Orders(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes an order and reports it.
   *
   * @param customer the customer
   * @param order the order's ID
   */
  @Transactional
  @OptimoveEvent(name = "order_placed")
  public void place(@CustomerId String customer, @EventParam("order_id") String order) {
    jdbc.update("insert into orders values (?)", order);
  }

  /**
   * A nested transaction (a savepoint in the caller's) that writes and reports.
   *
   * @param customer the customer
   * @param order the order's ID
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NESTED)
  @OptimoveEvent(name = "order_placed")
  public void placeNested(@CustomerId String customer, @EventParam("order_id") String order) {
    jdbc.update("insert into orders values (?)", order);
  }

  /**
   * Reports without a transaction of its own.
   *
   * @param customer the customer
   */
  @OptimoveEvent(name = "page_viewed")
  public void view(@CustomerId String customer) {}
}
