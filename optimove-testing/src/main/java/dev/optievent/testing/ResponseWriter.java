package dev.optievent.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link Reply} on an exchange: at once, or later from a scheduler so that a delayed answer
 * holds no thread while it waits (many delayed requests can be in flight at once).
 */
final class ResponseWriter {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);

  private final ScheduledExecutorService scheduler;

  ResponseWriter(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  void send(HttpExchange exchange, Reply reply) {
    if (reply.delayNanos() <= 0) {
      write(exchange, reply);
      return;
    }
    try {
      scheduler.schedule(() -> write(exchange, reply), reply.delayNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopping) {
      exchange.close();
    }
  }

  private static void write(HttpExchange exchange, Reply reply) {
    try {
      if (reply.cutConnection()) {
        // Closing an exchange whose response headers were never sent closes its connection: the
        // client reads EOF where it expects a status line and fails with an IOException.
        exchange.close();
        return;
      }
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", "application/json; charset=utf-8");
      if (reply.retryAfter() != null) {
        headers.set("Retry-After", reply.retryAfter());
      }
      if (reply.allow() != null) {
        headers.set("Allow", reply.allow());
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      boolean bodyAllowed =
          body.length > 0
              && reply.status() != 204
              && reply.status() != 304
              && !"HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(reply.status(), bodyAllowed ? body.length : -1);
      if (bodyAllowed) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
    } finally {
      exchange.close();
    }
  }
}
