package dev.optievent.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the benchmark (calling) thread alone spends, as secondary results summed over the
 * iterations: {@code callerCalls}, {@code callerBytes} (allocated) and {@code callerCpuNanos} (CPU
 * time). {@link RunAll} prints bytes and CPU nanoseconds per call.
 *
 * <p>Why: JMH's GC profiler sums the allocations of every thread in the JVM, so the sender's and
 * the fake server's work would be charged to the caller; and JMH's score is wall-clock time, which
 * on a shared 2-core machine also counts the time the thread waited for a core. The thread's CPU
 * time does not (cache and scheduler effects of other processes still inflate it a little). The
 * benchmark method counts its calls with {@link #call()}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CallerAllocation {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Calls of the measured method in this iteration. */
  public long callerCalls;

  /** Bytes the calling thread allocated in this iteration. */
  public long callerBytes;

  /** CPU time of the calling thread in this iteration, in nanoseconds. */
  public long callerCpuNanos;

  private long startBytes;
  private long startCpu;

  /** Counts one call of the measured method. */
  public void call() {
    callerCalls++;
  }

  /** Starts counting, on the benchmark thread. */
  @Setup(Level.Iteration)
  public void start() {
    startBytes = THREADS.getCurrentThreadAllocatedBytes();
    startCpu = THREADS.getCurrentThreadCpuTime();
  }

  /** Stops counting, on the benchmark thread. */
  @TearDown(Level.Iteration)
  public void stop() {
    callerCpuNanos = THREADS.getCurrentThreadCpuTime() - startCpu;
    callerBytes = THREADS.getCurrentThreadAllocatedBytes() - startBytes;
  }
}
