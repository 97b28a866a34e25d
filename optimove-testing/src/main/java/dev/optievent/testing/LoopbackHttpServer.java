package dev.optievent.testing;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The JDK {@link HttpServer} on 127.0.0.1 with its threads: a cached pool of workers that read
 * requests (a delayed answer does not keep its worker) and a small scheduler that sends delayed
 * answers.
 *
 * <p>The only class, with {@link ExchangeHandler} and {@link ResponseWriter}, that touches {@code
 * com.sun.net.httpserver}; {@link FakeOptimoveServer} must tune the JDK server's system properties
 * before this class creates the first server.
 */
final class LoopbackHttpServer {

  /**
   * Pending connections the kernel queues before accept; enough for hundreds of clients connecting
   * at once.
   */
  private static final int BACKLOG = 1024;

  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledThreadPoolExecutor scheduler;
  private final int port;

  private LoopbackHttpServer(
      HttpServer server, ExecutorService workers, ScheduledThreadPoolExecutor scheduler) {
    this.server = server;
    this.workers = workers;
    this.scheduler = scheduler;
    this.port = server.getAddress().getPort();
  }

  /** The IPv4 loopback address, whatever the JVM's IPv6 preference. */
  static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Binds 127.0.0.1:{@code port} (0 for an ephemeral port) and starts serving every path with
   * {@code processor}, over TLS with {@code tls} if it is not {@code null}. The JDK binds with
   * {@code SO_REUSEADDR}, so a port freed by a stopped server can be bound again at once.
   */
  static LoopbackHttpServer start(
      int port, RequestProcessor processor, SentBodies sent, SSLContext tls) throws IOException {
    try {
      return ServerThreads.startOnDaemonThread(
          () -> create(port, processor, sent, tls), s -> "fake-optimove-" + s.port);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Could not start the server", e);
    }
  }

  private static LoopbackHttpServer create(
      int port, RequestProcessor processor, SentBodies sent, SSLContext tls) throws IOException {
    InetSocketAddress address = new InetSocketAddress(loopback(), port);
    HttpServer server;
    if (tls == null) {
      server = HttpServer.create(address, BACKLOG);
    } else {
      HttpsServer https = HttpsServer.create(address, BACKLOG);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    String prefix = "fake-optimove-" + server.getAddress().getPort();
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            ServerThreads.factory(prefix + "-worker"));
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(2, ServerThreads.factory(prefix + "-responder"));
    scheduler.setRemoveOnCancelPolicy(true);
    try {
      server.setExecutor(workers);
      server.createContext(
          "/", new ExchangeHandler(processor, new ResponseWriter(scheduler, sent)));
      server.start();
    } catch (RuntimeException e) {
      server.stop(0);
      workers.shutdownNow();
      scheduler.shutdownNow();
      throw e;
    }
    return new LoopbackHttpServer(server, workers, scheduler);
  }

  int port() {
    return port;
  }

  /**
   * Closes the listening socket and every connection at once, drops pending delayed answers, stops
   * threads.
   */
  void stop() {
    server.stop(0);
    scheduler.shutdownNow();
    workers.shutdownNow();
  }
}
