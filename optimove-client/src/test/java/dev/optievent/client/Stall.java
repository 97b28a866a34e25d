package dev.optievent.client;

import dev.optievent.testing.FakeOptimoveServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds the fake server's answers back until released: every accepted request waits in the server's
 * accept callback, so the client's requests stay in flight as long as the test wants. Released at
 * the latest after 30 s, so a failing test cannot hang the build.
 */
final class Stall implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger arrived = new AtomicInteger();

  Stall(FakeOptimoveServer server) {
    server.onAccepted(
        e -> {
          arrived.incrementAndGet();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * @return how many requests reached the server (and are being held) so far
   */
  int arrived() {
    return arrived.get();
  }

  /** Lets every held and future answer go. */
  void release() {
    release.countDown();
  }

  @Override
  public void close() {
    release();
  }
}
