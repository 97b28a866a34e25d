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
 * of global state: a single reference. A later {@code connect} with another client replaces it
 * (with a warning), {@link #disconnect()} clears it, and closing the connected client clears it
 * too. While no client is connected, annotated methods run normally and their events are counted in
 * {@link #eventsWithoutClient()} and logged once.
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
   * Disconnects only if {@code client} is the one connected (safe to call from a component that
   * owns one client among several).
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
