package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.internal.HeldEvent;
import dev.optievent.client.internal.store.PreparedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The hold's edges that a JDBC transaction manager does not reach: a transaction ended on another
 * thread (as a JTA timeout's rollback is), and synchronization without an actual transaction.
 */
class SpringTransactionHoldTest {
  private final SpringTransactionHold hold = new SpringTransactionHold(100);
  private final List<String> outcomes = new CopyOnWriteArrayList<>();

  private HeldEvent event(String key) {
    return new HeldEvent() {
      @Override
      public String eventKey() {
        return key;
      }

      @Override
      public void send() {
        outcomes.add("sent " + key);
      }

      @Override
      public PreparedEvent prepare() {
        throw new UnsupportedOperationException("not used by the Spring hold");
      }

      @Override
      public void rolledBack() {
        outcomes.add("rolled back " + key);
      }

      @Override
      public void drop(String reason, Throwable cause) {
        outcomes.add("dropped " + key + " " + reason);
      }
    };
  }

  @BeforeEach
  void beginTransaction() {
    TransactionSynchronizationManager.initSynchronization();
    TransactionSynchronizationManager.setActualTransactionActive(true);
  }

  @AfterEach
  void clear() {
    TransactionSynchronizationManager.clear();
  }

  private static void completeAll(int status) {
    for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
      s.afterCompletion(status);
    }
  }

  @Test
  void aTransactionEndedOnAnotherThreadDoesNotSwallowTheNextTransactionsEvents() throws Exception {
    assertThat(hold.active()).isTrue();
    hold.hold(event("first"));
    List<TransactionSynchronization> first =
        TransactionSynchronizationManager.getSynchronizations();
    Thread reaper = new Thread(() -> first.forEach(s -> s.afterCompletion(STATUS_ROLLED_BACK)));
    reaper.start();
    reaper.join();
    TransactionSynchronizationManager.clearSynchronization();

    // The next transaction on this thread, whose resources still hold the first one's events.
    TransactionSynchronizationManager.initSynchronization();
    hold.hold(event("second"));
    completeAll(TransactionSynchronization.STATUS_COMMITTED);

    assertThat(outcomes).containsExactly("rolled back first", "sent second");
  }

  @Test
  void withoutAnActualTransactionNothingIsHeld() {
    TransactionSynchronizationManager.setActualTransactionActive(false);

    assertThat(hold.active()).isFalse();
  }

  private static final int STATUS_ROLLED_BACK = TransactionSynchronization.STATUS_ROLLED_BACK;
}
