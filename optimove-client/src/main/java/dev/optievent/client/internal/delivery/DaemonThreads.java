package dev.optievent.client.internal.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes named daemon threads, so that no thread of a client keeps the JVM alive, and remembers them
 * until they end, so that a shutdown can wait for them. Internal.
 */
final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final boolean numbered;
  private final AtomicInteger next = new AtomicInteger(1);
  private final Set<Thread> made = ConcurrentHashMap.newKeySet();

  private DaemonThreads(String prefix, boolean numbered) {
    this.prefix = prefix;
    this.numbered = numbered;
  }

  /**
   * A factory whose threads are all called {@code name}.
   *
   * @param name the thread name
   * @return the factory
   */
  public static DaemonThreads named(String name) {
    return new DaemonThreads(name, false);
  }

  /**
   * A factory whose threads are called {@code prefix-1}, {@code prefix-2}, ...
   *
   * @param prefix the name prefix
   * @return the factory
   */
  public static DaemonThreads numbered(String prefix) {
    return new DaemonThreads(prefix, true);
  }

  @Override
  public Thread newThread(Runnable task) {
    String name = numbered ? prefix + "-" + next.getAndIncrement() : prefix;
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    // Pools end idle threads and make new ones: forget the ended ones (at most a few dozen here).
    made.removeIf(t -> t.getState() == Thread.State.TERMINATED);
    made.add(thread);
    return thread;
  }

  /**
   * Waits until every thread made here has ended, or the deadline passes.
   *
   * @param deadlineNanos {@link System#nanoTime()} to give up at
   * @return whether they all ended
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitEnded(long deadlineNanos) throws InterruptedException {
    for (Thread t : made) {
      if (t == Thread.currentThread()) {
        continue; // close() called on one of our own threads cannot wait for itself
      }
      TimeUnit.NANOSECONDS.timedJoin(t, deadlineNanos - System.nanoTime());
      if (t.isAlive()) {
        return false;
      }
    }
    return true;
  }
}
