package dev.optievent.client.internal.delivery;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes named daemon threads, so that no thread of a client keeps the JVM alive. Internal. */
final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final boolean numbered;
  private final AtomicInteger next = new AtomicInteger(1);

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
    return thread;
  }
}
