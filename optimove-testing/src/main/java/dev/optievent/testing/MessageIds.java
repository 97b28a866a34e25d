package dev.optievent.testing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the ids answered for accepted events: 16-digit numeric strings like the vendor's
 * ({@code "1147206418897270"}), unique within the JVM across all servers, so that a client talking
 * to a restarted server never sees an id twice.
 */
final class MessageIds {

  private static final AtomicLong LAST = new AtomicLong(1_000_000_000_000_000L);

  private MessageIds() {}

  static String next() {
    return Long.toString(LAST.incrementAndGet());
  }
}
