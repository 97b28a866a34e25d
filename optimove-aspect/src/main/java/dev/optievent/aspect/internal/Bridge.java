package dev.optievent.aspect.internal;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.internal.ClientAccess;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * The one piece of global state: the reference from the aspect (created by AspectJ, not by a
 * container) to the client its woven code reports to. Set by an integration or {@link
 * dev.optievent.aspect.OptimoveReporting#connect}; a second connection takes over with a warning,
 * and when it ends (disconnected, or its client closed) the one before it that is still open
 * reports again, so that one context or injector closing never leaves another's woven classes
 * without a client. Proxies (Spring AOP) do not use it: each reports to its own context's {@link
 * Connection}. Internal: use {@link dev.optievent.aspect.OptimoveReporting}.
 */
public final class Bridge {
  /** What the aspect reports to: a client, an optional resolver and hold, replaced as one. */
  public static final class Connection {
    final OptimoveClient client;
    final CustomerIdResolver resolver;
    final TransactionHold hold;

    /** Whether the client discards every event: the aspect then reads nothing for it. */
    final boolean discards;

    /**
     * @param client the client
     * @param resolver the resolver, or {@code null}
     * @param hold the transaction hold, or {@code null} to send every event at its method's return
     */
    public Connection(OptimoveClient client, CustomerIdResolver resolver, TransactionHold hold) {
      this.client = client;
      this.resolver = resolver;
      this.hold = hold;
      this.discards = client.isDisabled();
    }

    /**
     * @return the client
     */
    public OptimoveClient client() {
      return client;
    }
  }

  /** The connection woven code reports to: the newest of {@link #LIVE}, read on every call. */
  private static final AtomicReference<Connection> CURRENT = new AtomicReference<>();

  /** Every connection not yet ended, oldest first; guarded by itself. */
  private static final Deque<Connection> LIVE = new ArrayDeque<>();

  private static final LongAdder WITHOUT_CLIENT = new LongAdder();

  private Bridge() {}

  /**
   * Connects the aspect to {@code client}; a different client connected before is replaced, with a
   * warning (two clients in one JVM usually means two injectors or contexts where one was meant),
   * until this connection ends.
   *
   * @param client the client
   * @param resolver the resolver, or {@code null}
   */
  public static void connect(OptimoveClient client, CustomerIdResolver resolver) {
    connect(new Connection(client, resolver, null));
  }

  /**
   * {@link #connect(OptimoveClient, CustomerIdResolver)} with a hold that keeps the events of calls
   * inside a transaction until it commits.
   *
   * @param client the client
   * @param resolver the resolver, or {@code null}
   * @param hold the transaction hold, or {@code null} to send every event at its method's return
   */
  public static void connect(
      OptimoveClient client, CustomerIdResolver resolver, TransactionHold hold) {
    connect(new Connection(client, resolver, hold));
  }

  /**
   * Makes {@code next} the connection woven code reports to, until it is {@linkplain
   * #disconnect(Connection) ended} or its client closes.
   *
   * @param next the connection
   */
  public static void connect(Connection next) {
    Connection previous;
    synchronized (LIVE) {
      previous = CURRENT.get();
      LIVE.removeIf(c -> c.client == next.client); // the same client again: its newer settings
      LIVE.addLast(next);
      CURRENT.set(next);
    }
    if (previous != null && previous.client != next.client && !previous.client.isClosed()) {
      AspectLog.warn(
          "A second OptimoveClient was connected to the @OptimoveEvent aspect: woven annotated"
              + " methods now report to the new one, and to the first again once the new one is"
              + " closed or disconnected. Woven code reports to one client at a time per JVM"
              + " (class loader); Spring proxies report to their own context's client.");
    }
    ClientAccess.get().whenClosed(next.client, () -> disconnect(next));
  }

  /** Disconnects every client. */
  public static void disconnect() {
    synchronized (LIVE) {
      LIVE.clear();
      CURRENT.set(null);
    }
  }

  /**
   * Ends the connections of {@code client}; woven code reports to the newest one left, if any.
   *
   * @param client the client
   */
  public static void disconnect(OptimoveClient client) {
    end(c -> c.client == client);
  }

  /**
   * Ends {@code connection} (not another of its client); woven code reports to the newest one left.
   *
   * @param connection the connection
   */
  public static void disconnect(Connection connection) {
    end(c -> c == connection);
  }

  /** Ends the connections {@code which} selects; woven code reports to the newest one left. */
  private static void end(Predicate<Connection> which) {
    synchronized (LIVE) {
      if (LIVE.removeIf(which)) {
        CURRENT.set(LIVE.peekLast());
      }
    }
  }

  static Connection connection() {
    return CURRENT.get();
  }

  /**
   * @return the connected client, or {@code null}
   */
  public static OptimoveClient client() {
    Connection c = CURRENT.get();
    return c == null ? null : c.client;
  }

  /** Counts an event of a method that returned while no client was connected; never throws. */
  static void countWithoutClient(String eventKey) {
    WITHOUT_CLIENT.increment();
    AspectLog logs = AspectLog.get();
    try {
      Logger log = logs.log;
      if (!logs.warnedWithoutClient) {
        logs.warnedWithoutClient = true;
        log.warn(
            "Optimove event '{}' was not sent: no OptimoveClient is connected. Install"
                + " OptimoveModule in your injector or call OptimoveReporting.connect(client) at"
                + " start-up (repeats are counted in OptimoveReporting.eventsWithoutClient())",
            eventKey);
      } else if (log.isDebugEnabled()) {
        log.debug("Optimove event '{}' not sent: no client connected", eventKey);
      }
    } catch (Throwable backendFailed) {
      // The logging backend threw: the event is counted, and the caller must not see it.
    }
  }

  /**
   * @return events of annotated methods that returned while no client was connected
   */
  public static long eventsWithoutClient() {
    return WITHOUT_CLIENT.sum();
  }
}
