package dev.optievent.spring;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.OptimoveEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Compiled by javac only: transactional methods that write a row and report it, through Spring AOP
 * proxies (the transaction's and the reporting's). Public, for class proxies.
 */
public class Accounts {
  private final JdbcTemplate jdbc;

  /**
   * @param jdbc the template over the test's database
   */
  public Accounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Joins the caller's transaction, or starts one.
   *
   * @param customer the customer
   */
  @Transactional
  @OptimoveEvent(name = "account_created")
  public void create(@CustomerId String customer) {
    jdbc.update("insert into accounts(id) values (?)", customer);
  }

  /**
   * Its own transaction, whatever the caller's.
   *
   * @param customer the customer
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  @OptimoveEvent(name = "audit_logged")
  public void audit(@CustomerId String customer) {
    jdbc.update("insert into audits(id) values (?)", customer);
  }

  /**
   * A nested transaction (a savepoint in the caller's) that fails after writing.
   *
   * @param customer the customer
   */
  @Transactional(propagation = Propagation.NESTED)
  @OptimoveEvent(name = "step_done")
  public void failingStep(@CustomerId String customer) {
    stepInside(customer);
    throw new IllegalStateException("step failed");
  }

  /**
   * A nested transaction that commits into the caller's.
   *
   * @param customer the customer
   */
  @Transactional(propagation = Propagation.NESTED)
  @OptimoveEvent(name = "step_done")
  public void step(@CustomerId String customer) {
    stepInside(customer);
  }

  private void stepInside(String customer) {
    jdbc.update("insert into steps(id) values (?)", customer);
  }

  /**
   * Reported even if its transaction rolls back.
   *
   * @param customer the customer
   */
  @Transactional
  @OptimoveEvent(name = "login_attempted", afterCommit = false)
  public void attemptLogin(@CustomerId String customer) {
    jdbc.update("insert into audits(id) values (?)", customer);
  }

  /**
   * Writes, returns normally, and then its own transaction fails at commit, as a flush that breaks
   * a constraint does.
   *
   * @param customer the customer
   */
  @Transactional
  @OptimoveEvent(name = "account_created")
  public void createFailingAtCommit(@CustomerId String customer) {
    jdbc.update("insert into accounts(id) values (?)", customer);
    failAtCommit();
  }

  /** Makes the current transaction fail in its {@code beforeCommit} phase. */
  public static void failAtCommit() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            throw new IllegalStateException("constraint violated at flush");
          }
        });
  }
}
