package dev.optievent.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes named daemon threads, so that no thread of a client keeps the JVM alive, and remembers them
 * until they end, so that a shutdown can wait for them. Internal.
 */
public final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final boolean numbered;
  private final AtomicInteger next = new AtomicInteger(1);
  private final Set<Thread> made = ConcurrentHashMap.newKeySet();
  private final ThreadFactory virtualThreads;

  private DaemonThreads(String prefix, boolean numbered, ThreadFactory virtualThreads) {
    this.prefix = prefix;
    this.numbered = numbered;
    this.virtualThreads = virtualThreads;
  }

  /**
   * A factory whose threads are all called {@code name}.
   *
   * @param name the thread name
   * @return the factory
   */
  public static DaemonThreads named(String name) {
    return new DaemonThreads(name, false, null);
  }

  /**
   * A factory whose threads are called {@code prefix-1}, {@code prefix-2}, ...
   *
   * @param prefix the name prefix
   * @return the factory
   */
  public static DaemonThreads numbered(String prefix) {
    return new DaemonThreads(prefix, true, null);
  }

  /**
   * A factory of virtual threads (always daemons) called {@code prefix-1}, {@code prefix-2}, ...
   *
   * @param prefix the name prefix
   * @param virtualThreads makes the virtual threads (see {@link RequestThreads})
   * @return the factory
   */
  public static DaemonThreads numberedVirtual(String prefix, ThreadFactory virtualThreads) {
    return new DaemonThreads(prefix, true, virtualThreads);
  }

  /**
   * @return whether the threads made here are virtual
   */
  public boolean virtual() {
    return virtualThreads != null;
  }

  @Override
  public Thread newThread(Runnable task) {
    String name = numbered ? prefix + "-" + next.getAndIncrement() : prefix;
    // Each thread forgets itself as it ends: pools end idle threads, and virtual request threads
    // end after each request.
    Runnable forgetting =
        () -> {
          try {
            task.run();
          } finally {
            made.remove(Thread.currentThread());
          }
        };
    Thread thread;
    if (virtualThreads != null) {
      thread = virtualThreads.newThread(forgetting);
      thread.setName(name);
    } else {
      thread = new Thread(forgetting, name);
      thread.setDaemon(true);
    }
    made.add(thread);
    return thread;
  }

  /**
   * @return the threads made here that have not ended, in a new list
   */
  public java.util.List<Thread> made() {
    return new java.util.ArrayList<>(made);
  }

  /**
   * Waits until every thread made here has ended, or the deadline passes.
   *
   * @param deadlineNanos {@link System#nanoTime()} to give up at
   * @return whether they all ended
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitEnded(long deadlineNanos) throws InterruptedException {
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
