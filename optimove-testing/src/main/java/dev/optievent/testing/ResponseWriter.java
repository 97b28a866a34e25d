package dev.optievent.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link Reply} on an exchange: at once, or later from a scheduler so that a delayed answer
 * holds no thread while it waits (many delayed requests can be in flight at once). A stalled or
 * dripping body holds no thread either; only an oversized body is written by the thread that read
 * the request, bounded in time by a scheduled cut.
 */
final class ResponseWriter {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);

  private static final int CHUNK = 64 * 1024;

  private final ScheduledExecutorService scheduler;
  private final SentBodies sent;

  ResponseWriter(ScheduledExecutorService scheduler, SentBodies sent) {
    this.scheduler = scheduler;
    this.sent = sent;
  }

  void send(HttpExchange exchange, Reply reply) {
    Answer answer = new Answer(exchange);
    if (reply.delayNanos() <= 0) {
      write(answer, reply);
      return;
    }
    if (!schedule(answer, () -> write(answer, reply), reply.delayNanos())) {
      answer.end();
    }
  }

  /** Schedules a task for this answer; {@code false} if the server is stopping. */
  private boolean schedule(Answer answer, Runnable task, long delayNanos) {
    try {
      scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (RejectedExecutionException stopping) {
      return false;
    }
  }

  private void write(Answer answer, Reply reply) {
    HttpExchange exchange = answer.exchange;
    boolean ended = true;
    try {
      if (reply.cutConnection()) {
        // Closing an exchange whose response headers were never sent closes its connection: the
        // client reads EOF where it expects a status line and fails with an IOException.
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
      Fault shape = bodyAllowed ? reply.shape() : null;
      if (shape == null) {
        exchange.sendResponseHeaders(reply.status(), bodyAllowed ? body.length : -1);
        if (bodyAllowed) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
          sent.wrote(body.length);
        }
        return;
      }
      ended = false;
      switch (shape.kind()) {
        case STALL_BODY -> stall(answer, reply.status(), body, shape);
        case SLOW_BODY -> drip(answer, reply.status(), body, shape);
        case OVERSIZED_BODY -> {
          ended = true;
          oversized(answer, reply.status(), body, shape.size());
        }
        default -> throw new IllegalStateException(shape.toString());
      }
    } catch (IOException | RuntimeException e) {
      ended = true;
      LOG.debug("Could not answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
    } finally {
      if (ended) {
        answer.end();
      }
    }
  }

  /** Headers and part of the body now; the connection is cut when the hold has passed. */
  private void stall(Answer answer, int status, byte[] body, Fault shape) throws IOException {
    answer.exchange.sendResponseHeaders(status, body.length);
    int n = (int) Math.min(shape.size(), body.length - 1L);
    OutputStream out = answer.exchange.getResponseBody();
    out.write(body, 0, n);
    out.flush(); // newer JDK servers (25 here, not 17) hold the headers back until a flush
    sent.wrote(n);
    if (!schedule(answer, answer::end, shape.delay().toNanos())) {
      answer.end();
    }
  }

  /** Headers now, then one byte of the body per tick, each written from the scheduler. */
  private void drip(Answer answer, int status, byte[] body, Fault shape) throws IOException {
    answer.exchange.sendResponseHeaders(status, body.length);
    OutputStream out = answer.exchange.getResponseBody();
    out.flush(); // the headers go now, not with the first byte
    long perByte = shape.delay().toNanos();
    Runnable[] tick = new Runnable[1];
    int[] next = {0};
    tick[0] =
        () -> {
          try {
            out.write(body[next[0]]);
            out.flush();
            sent.wrote(1);
            if (++next[0] == body.length) {
              answer.end(); // complete: the exchange ends normally
            } else if (!schedule(answer, tick[0], perByte)) {
              answer.end();
            }
          } catch (IOException | RuntimeException e) {
            LOG.debug("Slow body cut after {} byte(s)", next[0], e);
            answer.end();
          }
        };
    if (!schedule(answer, tick[0], perByte)) {
      answer.end();
    }
  }

  /**
   * Writes {@code body} with a padding field inserted before its closing brace, to {@code size}
   * bytes in all, generated as it goes. Blocks this thread while the client reads; a scheduled cut
   * ends it if the client neither reads nor closes.
   */
  private void oversized(Answer answer, int status, byte[] body, long size) throws IOException {
    byte[] head =
        (new String(body, 0, body.length - 1, StandardCharsets.UTF_8) + ",\"padding\":\"")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
    long padding = size - head.length - tail.length;
    if (padding < 0 || body[body.length - 1] != '}') {
      answer.exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = answer.exchange.getResponseBody()) {
        out.write(body);
      }
      sent.wrote(body.length);
      return;
    }
    ScheduledFuture<?> cut;
    try {
      cut =
          scheduler.schedule(
              answer::end, Fault.OVERSIZED_WRITE_LIMIT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopping) {
      return;
    }
    try {
      answer.exchange.sendResponseHeaders(status, size);
      OutputStream out = answer.exchange.getResponseBody();
      out.write(head);
      sent.wrote(head.length);
      byte[] chunk = new byte[CHUNK];
      Arrays.fill(chunk, (byte) 'x');
      for (long left = padding; left > 0; ) {
        int n = (int) Math.min(left, CHUNK);
        out.write(chunk, 0, n);
        sent.wrote(n);
        left -= n;
      }
      out.write(tail);
      out.flush();
      sent.wrote(tail.length);
    } finally {
      cut.cancel(false);
    }
  }

  /**
   * One answer being written: counted in progress until it ends, which closes the exchange (and
   * cuts the connection if the body is incomplete). Ends exactly once, from whichever thread gets
   * there first.
   */
  private final class Answer {
    final HttpExchange exchange;
    final AtomicBoolean ended = new AtomicBoolean();

    Answer(HttpExchange exchange) {
      this.exchange = exchange;
      sent.started();
    }

    void end() {
      if (ended.compareAndSet(false, true)) {
        try {
          exchange.close();
        } finally {
          sent.ended();
        }
      }
    }
  }
}
