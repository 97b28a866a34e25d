package dev.optievent.aspect.internal;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.client.OptimoveClient;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single volatile reference from the aspect (created by AspectJ) to the client it reports to.
 * Internal: use {@link dev.optievent.aspect.OptimoveReporting}.
 */
public final class Bridge {
  private static final Logger LOG = LoggerFactory.getLogger("dev.optievent.aspect");

  /** What the aspect reports to: a client and an optional resolver, replaced as one. */
  public static final class Connection {
    public final OptimoveClient client;
    public final CustomerIdResolver resolver;

    Connection(OptimoveClient client, CustomerIdResolver resolver) {
      this.client = client;
      this.resolver = resolver;
    }
  }

  private static volatile Connection current;
  private static final LongAdder WITHOUT_CLIENT = new LongAdder();
  private static volatile boolean warnedWithoutClient;

  private Bridge() {}

  public static void connect(OptimoveClient client, CustomerIdResolver resolver) {
    current = new Connection(client, resolver);
  }

  public static void disconnect() {
    current = null;
  }

  public static synchronized void disconnect(OptimoveClient client) {
    Connection c = current;
    if (c != null && c.client == client) {
      current = null;
    }
  }

  public static Connection connection() {
    return current;
  }

  public static OptimoveClient client() {
    Connection c = current;
    return c == null ? null : c.client;
  }

  /** Counts an event of a method that returned while no client was connected. */
  public static void countWithoutClient(String eventKey) {
    WITHOUT_CLIENT.increment();
    if (!warnedWithoutClient) {
      warnedWithoutClient = true;
      LOG.warn(
          "Optimove event '{}' was not sent: no OptimoveClient is connected. Install"
              + " OptimoveModule in your injector or call OptimoveReporting.connect(client) at"
              + " start-up (repeats are counted in OptimoveReporting.eventsWithoutClient())",
          eventKey);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("Optimove event '{}' not sent: no client connected", eventKey);
    }
  }

  public static long eventsWithoutClient() {
    return WITHOUT_CLIENT.sum();
  }
}
