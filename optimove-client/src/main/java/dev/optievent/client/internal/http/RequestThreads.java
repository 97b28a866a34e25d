package dev.optievent.client.internal.http;

import dev.optievent.client.internal.DaemonThreads;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that carry requests, one per request in flight: virtual threads on Java 21 and later,
 * a pool of platform threads on Java 17 to 20.
 *
 * <p>Why: each request thread spends its life parked in a blocking {@code HttpClient.send}. A
 * virtual thread parks without holding a platform thread, so hundreds of requests in flight cost a
 * few hundred bytes each instead of a platform thread's stack, and a new one per request costs less
 * than taking a pooled thread. The JDK's API for them is reached through method handles, so that
 * this class compiles and runs on Java 17. The system property {@value #PROPERTY}{@code =false}
 * keeps platform threads on any Java (to compare, or to rule them out). Internal.
 */
public final class RequestThreads {

  /** Set to {@code false} to use platform threads even where virtual threads exist. */
  static final String PROPERTY = "dev.optievent.virtualThreads";

  private static final MethodHandle OF_VIRTUAL_FACTORY = ofVirtualFactory();
  private static final MethodHandle THREAD_PER_TASK = threadPerTaskExecutor();

  private RequestThreads() {}

  /**
   * @param prefix the threads' name prefix
   * @return a factory of virtual threads where they exist and are not switched off, else of
   *     platform daemon threads
   */
  public static DaemonThreads factory(String prefix) {
    ThreadFactory virtual = virtualFactory();
    return virtual == null
        ? DaemonThreads.numbered(prefix)
        : DaemonThreads.numberedVirtual(prefix, virtual);
  }

  /**
   * @param maxThreads most threads at once (requests in flight are limited before this)
   * @param threads from {@link #factory(String)}
   * @return a new thread per task for virtual threads; a pool whose idle threads end after 30 s for
   *     platform threads
   */
  public static ExecutorService executor(int maxThreads, DaemonThreads threads) {
    if (threads.virtual()) {
      try {
        return (ExecutorService) THREAD_PER_TASK.invoke((ThreadFactory) threads);
      } catch (Throwable t) {
        throw new IllegalStateException("cannot make a virtual-thread executor", t);
      }
    }
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            maxThreads, maxThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory virtualFactory() {
    if (OF_VIRTUAL_FACTORY == null
        || THREAD_PER_TASK == null
        || "false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
      return null;
    }
    try {
      return (ThreadFactory) OF_VIRTUAL_FACTORY.invoke();
    } catch (Throwable t) {
      return null;
    }
  }

  /** {@code Thread.ofVirtual().factory()}, or {@code null} before Java 21. */
  private static MethodHandle ofVirtualFactory() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle ofVirtual =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
      MethodHandle factory =
          lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
      return MethodHandles.filterReturnValue(ofVirtual, factory);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** {@code Executors.newThreadPerTaskExecutor(ThreadFactory)}, or {@code null} before Java 21. */
  private static MethodHandle threadPerTaskExecutor() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(
              java.util.concurrent.Executors.class,
              "newThreadPerTaskExecutor",
              MethodType.methodType(ExecutorService.class, ThreadFactory.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
