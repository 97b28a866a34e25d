package dev.optievent.aspect;

import dev.optievent.aspect.internal.Bridge;
import dev.optievent.client.OptimoveClient;
import java.util.Objects;

/**
 * Connects the woven {@code @OptimoveEvent} aspect to the {@link OptimoveClient} it reports to.
 * With Guice, {@code dev.optievent.guice.OptimoveModule} (optimove-guice) does this for you;
 * without it, make this one call at start-up:
 *
 * <pre>{@code
 * OptimoveClient client = OptimoveClient.create(OptimoveConfig.fromEnvironment());
 * OptimoveReporting.connect(client);
 * }</pre>
 *
 * <p>AspectJ, not your container, creates the aspect, so the connection is the library's one piece
 * of global state: woven code reports to one client at a time. A later {@code connect} with another
 * client takes over (with a warning); when that client is closed or {@linkplain
 * #disconnect(OptimoveClient) disconnected}, the newest earlier client still open reports again, so
 * that one injector or context ending never leaves another's classes without a client. {@link
 * #disconnect()} ends every connection. While no client is connected, annotated methods run
 * normally and their events are counted in {@link #eventsWithoutClient()} and logged once. (Spring
 * proxies do not use this: each reports to its own application context's client.)
 */
public final class OptimoveReporting {

  private OptimoveReporting() {}

  /**
   * Reports annotated methods' events to {@code client}, with identities from arguments and {@link
   * OptimoveContext} only.
   *
   * @param client the client
   */
  public static void connect(OptimoveClient client) {
    connect(client, null);
  }

  /**
   * Reports annotated methods' events to {@code client}, asking {@code resolver} for the customer
   * (or visitor) when neither an argument nor an {@link OptimoveContext} scope gives one.
   *
   * @param client the client
   * @param resolver the resolver, or {@code null} for none
   */
  public static void connect(OptimoveClient client, CustomerIdResolver resolver) {
    Bridge.connect(Objects.requireNonNull(client, "client"), resolver);
  }

  /** Stops reporting: later events are counted in {@link #eventsWithoutClient()}. */
  public static void disconnect() {
    Bridge.disconnect();
  }

  /**
   * Ends {@code client}'s connection, whether or not it is the one woven code reports to now (safe
   * to call from a component that owns one client among several); if it was, the newest earlier
   * client still connected takes over.
   *
   * @param client the client to disconnect
   */
  public static void disconnect(OptimoveClient client) {
    Bridge.disconnect(client);
  }

  /**
   * The client annotated methods currently report to.
   *
   * @return the client, or {@code null} if none is connected
   */
  public static OptimoveClient connectedClient() {
    return Bridge.client();
  }

  /**
   * Events of annotated methods that returned while no client was connected (they cannot be counted
   * by a client's {@code stats()}).
   *
   * @return the count since the JVM started
   */
  public static long eventsWithoutClient() {
    return Bridge.eventsWithoutClient();
  }
}
