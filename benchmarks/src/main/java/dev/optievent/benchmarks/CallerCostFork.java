package dev.optievent.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * What every caller-cost benchmark shares, once: the mode, the measured iterations and the fork's
 * JVM. JMH's annotations are inherited, so each benchmark extends this class and declares only its
 * own warm-up, threads and state. No fields: a field here would move the benchmarks' own fields,
 * whose cache lines the fourth round of Performance II had to keep apart.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Measurement(iterations = 50, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Dsun.net.httpserver.nodelay=true",
      "-Xms2g",
      "-Xmx2g",
      "-XX:+AlwaysPreTouch",
      "-Xmn1536m",
      // Large regions: the queue's ArrayDeque grows past 1 MB in the accepted-path benchmarks, and
      // G1 puts "humongous" arrays in the old generation, where the dead ones (left behind by each
      // growth) would keep a whole iteration's events alive through every young GC (seen: a 550 ms
      // pause).
      "-XX:G1HeapRegionSize=32m",
      "-Dorg.slf4j.simpleLogger.log.dev.optievent.client.OptimoveClient=error"
    })
public abstract class CallerCostFork {}
