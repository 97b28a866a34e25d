package dev.optievent.aspect.internal;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.internal.ClientAccess;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * The one piece of global state: the reference from the aspect (created by AspectJ, not by a
 * container) to the client it reports to. Set by an integration or {@link
 * dev.optievent.aspect.OptimoveReporting#connect}, replaced with a warning when a second client
 * takes over, and cleared when its client closes, so that events after {@code close()} are counted
 * as events without a client rather than as {@code closed} drops on a dead client. Internal: use
 * {@link dev.optievent.aspect.OptimoveReporting}.
 */
public final class Bridge {
  /** What the aspect reports to: a client and an optional resolver, replaced as one. */
  static final class Connection {
    final OptimoveClient client;
    final CustomerIdResolver resolver;
    final TransactionHold hold;

    Connection(OptimoveClient client, CustomerIdResolver resolver, TransactionHold hold) {
      this.client = client;
      this.resolver = resolver;
      this.hold = hold;
    }
  }

  private static final AtomicReference<Connection> CURRENT = new AtomicReference<>();
  private static final LongAdder WITHOUT_CLIENT = new LongAdder();

  private Bridge() {}

  /**
   * Connects the aspect to {@code client}; a different client connected before is replaced, with a
   * warning (two clients in one JVM usually means two injectors or contexts where one was meant).
   *
   * @param client the client
   * @param resolver the resolver, or {@code null}
   */
  public static void connect(OptimoveClient client, CustomerIdResolver resolver) {
    connect(client, resolver, null);
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
    Connection next = new Connection(client, resolver, hold);
    Connection previous = CURRENT.getAndSet(next);
    if (previous != null && previous.client != client && !previous.client.isClosed()) {
      AspectLog.warn(
          "A second OptimoveClient was connected to the @OptimoveEvent aspect and replaces the"
              + " first: annotated methods now report to the new one. The aspect reports to one"
              + " client per JVM (class loader); disconnect the old one first if this is meant.");
    }
    // Closing the client disconnects it, unless another connection has replaced this one since.
    ClientAccess.get().whenClosed(client, () -> CURRENT.compareAndSet(next, null));
  }

  /** Disconnects whatever client is connected. */
  public static void disconnect() {
    CURRENT.set(null);
  }

  /**
   * Disconnects {@code client} if it is the one connected.
   *
   * @param client the client
   */
  public static void disconnect(OptimoveClient client) {
    Connection c = CURRENT.get();
    while (c != null && c.client == client && !CURRENT.compareAndSet(c, null)) {
      c = CURRENT.get();
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
