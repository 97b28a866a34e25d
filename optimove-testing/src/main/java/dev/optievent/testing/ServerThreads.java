package dev.optievent.testing;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Makes every thread of a server a daemon named {@code fake-optimove-*}.
 *
 * <p>Our own executors get their threads from {@link #factory(String)}. The JDK server creates two
 * threads of its own ({@code HTTP-Dispatcher}, a non-daemon thread, and the {@code
 * idle-timeout-task} timer) and offers no way to configure them. A new thread inherits the daemon
 * status and thread group of the thread that creates it, so {@link #startOnDaemonThread} creates
 * and starts the server on a short-lived daemon thread in our own thread group, then renames the
 * JDK's threads it finds in that group.
 */
final class ServerThreads {

  /** The JDK server's own thread names, and the suffix each is renamed to. */
  private static final Map<String, String> JDK_THREAD_RENAMES =
      Map.of(
          "HTTP-Dispatcher", "-dispatcher",
          "idle-timeout-task", "-idle-timer",
          "req-rsp-timeout-task", "-timeout-timer");

  private static final ThreadGroup GROUP = new ThreadGroup(rootGroup(), "fake-optimove");

  private ServerThreads() {}

  /** A factory of daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ... */
  static ThreadFactory factory(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(GROUP, task, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Runs {@code start} on a daemon thread of our group and waits for it, then renames the JDK
   * threads it created to {@code prefixOf(result) + suffix}. Serialised, so that the renamed
   * threads are this call's.
   *
   * @throws Exception whatever {@code start} threw
   */
  static synchronized <T> T startOnDaemonThread(Callable<T> start, Function<T, String> prefixOf)
      throws Exception {
    Object[] outcome = new Object[2];
    Thread starter =
        new Thread(
            GROUP,
            () -> {
              try {
                outcome[0] = start.call();
              } catch (Throwable t) {
                outcome[1] = t;
              }
            },
            "fake-optimove-starter");
    starter.setDaemon(true);
    starter.start();
    joinUninterruptibly(starter);
    if (outcome[1] instanceof Exception e) {
      throw e;
    }
    if (outcome[1] instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T result = (T) outcome[0];
    renameJdkThreads(prefixOf.apply(result));
    return result;
  }

  private static void renameJdkThreads(String prefix) {
    Thread[] threads = new Thread[GROUP.activeCount() + 16];
    int count = GROUP.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      String suffix = JDK_THREAD_RENAMES.get(threads[i].getName());
      if (suffix != null) {
        threads[i].setName(prefix + suffix);
      }
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadGroup rootGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }
}
