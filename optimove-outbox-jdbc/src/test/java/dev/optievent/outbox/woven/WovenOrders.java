package dev.optievent.outbox.woven;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compiled by ajc with the aspect, and not a bean: only the woven advice reports its calls, inside
 * the method, in the caller's transaction.
 */
public class WovenOrders {
  private final JdbcTemplate jdbc;

  /**
   * @param jdbc the template over the test's database
   */
  public WovenOrders(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes an order and reports it.
   *
   * @param customer the customer
   * @param order the order's ID
   */
  @OptimoveEvent(name = "order_placed")
  public void place(@CustomerId String customer, @EventParam("order_id") String order) {
    jdbc.update("insert into orders values (?)", order);
  }

  /**
   * Whether ajc wove this class.
   *
   * @return true when woven
   */
  public static boolean isWoven() {
    for (var field : WovenOrders.class.getDeclaredFields()) {
      if (field.getName().startsWith("ajc$")) {
        return true;
      }
    }
    return false;
  }
}
