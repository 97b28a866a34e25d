package dev.optievent.spring.woven;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compiled by ajc with the aspect: the advice runs inside the method, in the caller's transaction.
 */
public class WovenAccounts {
  private final JdbcTemplate jdbc;

  /**
   * @param jdbc the template over the test's database
   */
  public WovenAccounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes a row and reports it.
   *
   * @param customer the customer
   */
  @OptimoveEvent(name = "woven_account_created")
  public void create(@CustomerId String customer) {
    jdbc.update("insert into accounts(id) values (?)", customer);
  }

  /**
   * Whether ajc wove this class.
   *
   * @return true when woven
   */
  public static boolean isWoven() {
    for (var field : WovenAccounts.class.getDeclaredFields()) {
      if (field.getName().startsWith("ajc$")) {
        return true;
      }
    }
    return false;
  }
}
