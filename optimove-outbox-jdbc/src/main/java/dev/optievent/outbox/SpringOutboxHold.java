package dev.optievent.outbox;

import dev.optievent.aspect.internal.HeldEvent;
import dev.optievent.aspect.internal.SavepointMarks;
import dev.optievent.aspect.internal.TransactionHold;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.store.PreparedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the events of annotated methods through the outbox, in a Spring application: each is
 * checked, then stored through the connection of the caller's transaction (Spring's, for this data
 * source), so that it commits or rolls back with the caller's rows; after the commit this instance
 * hands it to the client at once. Outside a transaction it is stored on its own and handed over at
 * once. If the instance dies in between, the row's lease runs out and any relay sends it.
 */
final class SpringOutboxHold implements TransactionHold {
  private final OptimoveOutbox outbox;
  private final DataSource dataSource;

  /** The rows the calling thread's transaction stored, or {@code null}. */
  private final ThreadLocal<Stored> current = new ThreadLocal<>();

  SpringOutboxHold(OptimoveOutbox outbox, DataSource dataSource) {
    this.outbox = outbox;
    this.dataSource = dataSource;
  }

  /** Always: outside a transaction too, the event goes through the outbox. */
  @Override
  public boolean active() {
    return true;
  }

  @Override
  public void hold(HeldEvent event) {
    PreparedEvent prepared = event.prepare();
    if (prepared == null) {
      return; // a rule refused it, and the client counted it
    }
    OutboxRow row = OptimoveOutbox.row(prepared);
    OptimoveOutbox.Owned owned;
    Connection c = null;
    try {
      c = DataSourceUtils.getConnection(dataSource); // a pool that gives none fails here too
      owned = outbox.writeOwned(c, row);
    } catch (SQLException | RuntimeException e) {
      event.drop(Reasons.OUTBOX_WRITE_FAILED, e);
      return;
    } finally {
      if (c != null) {
        DataSourceUtils.releaseConnection(c, dataSource);
      }
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive()) {
      stored().add(event, owned);
    } else {
      outbox.handOver(owned);
    }
  }

  private Stored stored() {
    Stored s = current.get();
    if (s == null || s.over) {
      s = new Stored();
      TransactionSynchronizationManager.registerSynchronization(s);
      current.set(s);
    }
    return s;
  }

  /** One transaction's stored rows: handed over after its commit. */
  private final class Stored implements TransactionSynchronization {
    private final List<HeldEvent> events = new ArrayList<>(4);
    private final List<OptimoveOutbox.Owned> owned = new ArrayList<>(4);
    private volatile boolean over;

    void add(HeldEvent event, OptimoveOutbox.Owned row) {
      events.add(event);
      owned.add(row);
    }

    private final SavepointMarks savepoints = new SavepointMarks();

    @Override
    public void savepoint(Object savepoint) {
      savepoints.mark(savepoint, owned.size());
    }

    /** A nested transaction rolled back: its rows are gone, so they are not handed over. */
    @Override
    public void savepointRollback(Object savepoint) {
      int from = savepoints.rollbackFrom(savepoint);
      events.subList(from, events.size()).forEach(HeldEvent::rolledBack);
      events.subList(from, events.size()).clear();
      owned.subList(from, owned.size()).clear();
    }

    @Override
    public void suspend() {
      current.set(null);
    }

    @Override
    public void resume() {
      current.set(this);
    }

    @Override
    public void afterCompletion(int status) {
      over = true;
      if (current.get() == this) {
        current.set(null);
      }
      for (int i = 0; i < owned.size(); i++) {
        if (status == STATUS_COMMITTED) {
          outbox.handOver(owned.get(i));
        } else if (status == STATUS_ROLLED_BACK) {
          events.get(i).rolledBack(); // its row rolled back with the transaction
        } else {
          // Unknown: the row may have committed; if it did, it is made due for any relay.
          outbox.release(owned.get(i));
        }
      }
    }
  }
}
