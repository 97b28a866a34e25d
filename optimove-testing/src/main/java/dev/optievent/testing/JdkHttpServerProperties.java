package dev.optievent.testing;

/**
 * Sets the system properties that tune the JDK's built-in HTTP server ({@code
 * com.sun.net.httpserver}).
 *
 * <p>The JDK reads these properties exactly once, when its internal {@code
 * sun.net.httpserver.ServerConfig} class initialises, i.e. when the first {@code HttpServer} of the
 * JVM is created. They must therefore be set before that happens; {@link FakeOptimoveServer} calls
 * {@link #applyDefaults()} from its static initialiser, which runs before any of its methods can
 * create a server. A value already set by the user is never changed.
 *
 * <p>This class must not refer to any {@code com.sun.net.httpserver} type.
 */
final class JdkHttpServerProperties {

  /**
   * Disables Nagle's algorithm on accepted connections. Without it, the JDK server writes the
   * response headers and the body as two small segments; on a kept-alive connection the second one
   * is held back by Nagle until the client ACKs the first, and the client delays that ACK (delayed
   * ACK, ~40 ms on Linux). Every small response would then take ~40 ms, which ruins latency tests
   * and benchmarks.
   */
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  /**
   * How many idle kept-alive connections the JDK server keeps open (JDK default 200). We serve at
   * least 256 requests in flight, each on its own kept-alive connection, so the default would close
   * some of them after every burst and force clients to reconnect.
   */
  static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

  private JdkHttpServerProperties() {}

  /**
   * Sets {@link #NO_DELAY} to {@code true} and {@link #MAX_IDLE_CONNECTIONS} to 1024 unless already
   * set.
   */
  static void applyDefaults() {
    setIfAbsent(NO_DELAY, "true");
    setIfAbsent(MAX_IDLE_CONNECTIONS, "1024");
  }

  private static void setIfAbsent(String key, String value) {
    try {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    } catch (SecurityException ignored) {
      // Not allowed to tune the server: it still works, only slower.
    }
  }
}
