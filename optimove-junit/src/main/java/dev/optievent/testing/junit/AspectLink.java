package dev.optievent.testing.junit;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;

/**
 * Connects the woven aspect to the extension's client. optimove-aspect is an optional dependency: a
 * project that uses only optimove-client has no {@link OptimoveReporting}, so this class is the
 * only one that names it, and the extension calls it only after finding that class by name.
 */
final class AspectLink {

  /** The class whose presence means the aspect is there. */
  static final String REPORTING = "dev.optievent.aspect.OptimoveReporting";

  private AspectLink() {}

  /** Makes woven methods report to {@code client} (replacing any other client, as connect does). */
  static void connect(OptimoveClient client) {
    if (OptimoveReporting.connectedClient() != client) {
      OptimoveReporting.connect(client);
    }
  }

  /** Disconnects {@code client} if it is the one connected. */
  static void disconnect(OptimoveClient client) {
    OptimoveReporting.disconnect(client);
  }
}
