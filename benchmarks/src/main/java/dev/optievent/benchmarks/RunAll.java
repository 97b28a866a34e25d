package dev.optievent.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the set (caller cost, delivery throughput with the adaptive case, queue memory; contention
 * on request) and prints each figure with its baseline, the ratio and whether the issue's target is
 * met; also writes JMH's JSON results and that summary to the output folder.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--only caller,throughput,memory,contention]
 *      [--metrics] [--platform-threads] [--prof stack] [--out DIR]
 * </pre>
 *
 * {@code --metrics} binds {@code OptimoveMetrics} to the caller-cost benchmarks' clients; {@code
 * --platform-threads} keeps request threads on platform threads on Java 21+ (to compare).
 *
 * <p>Plain JMH is there too: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main
 * -h}.
 */
public final class RunAll {
  private static final String PKG = "dev\\.optievent\\.benchmarks\\.";

  private final boolean quick;
  private final boolean metrics;

  /** Request threads on platform threads even on Java 21+, to compare with virtual ones. */
  private final boolean platformThreads;

  private final List<String> profilers;
  private final Path out;
  private final Map<String, RunResult> results = new LinkedHashMap<>();

  private RunAll(
      boolean quick, boolean metrics, boolean platformThreads, List<String> profilers, Path out) {
    this.quick = quick;
    this.metrics = metrics;
    this.platformThreads = platformThreads;
    this.profilers = profilers;
    this.out = out;
  }

  /**
   * @param args see the class comment
   * @throws Exception if JMH fails
   */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    boolean metrics = false;
    boolean platformThreads = false;
    List<String> only = List.of("caller", "throughput", "memory");
    List<String> profilers = new ArrayList<>();
    Path out =
        Files.isDirectory(Paths.get("benchmarks", "target"))
            ? Paths.get("benchmarks", "target", "results")
            : Paths.get("target", "results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--metrics" -> metrics = true;
        case "--platform-threads" -> platformThreads = true;
        case "--only" -> only = Arrays.asList(args[++i].split(","));
        case "--prof" -> profilers.add(args[++i]);
        case "--out" -> out = Paths.get(args[++i]);
        default -> {
          System.err.println(
              "unknown argument "
                  + args[i]
                  + "; usage: [--quick] [--only"
                  + " caller,throughput,memory,contention] [--metrics] [--platform-threads]"
                  + " [--prof stack] [--out DIR]");
          System.exit(2);
        }
      }
    }
    Files.createDirectories(out);
    RunAll run = new RunAll(quick, metrics, platformThreads, profilers, out);
    long start = System.nanoTime();
    if (only.contains("caller")) {
      run.caller();
    }
    if (only.contains("throughput")) {
      run.throughput();
    }
    if (only.contains("memory")) {
      run.memory();
    }
    if (only.contains("contention")) {
      run.contention();
    }
    String summary = run.summary((System.nanoTime() - start) / 1_000_000_000L);
    System.out.println();
    System.out.println(summary);
    Files.writeString(out.resolve("summary.md"), summary, StandardCharsets.UTF_8);
    System.out.println("(JMH JSON results and this summary are in " + out.toAbsolutePath() + ")");
  }

  private void caller() throws RunnerException {
    ChainedOptionsBuilder o =
        new OptionsBuilder()
            .include(PKG + "CallerCostBenchmark\\.")
            .include(PKG + "OutageCallerCostBenchmark\\.")
            .include(PKG + "ContendedCallerCostBenchmark\\.")
            .include(PKG + "TransactionCallerCostBenchmark\\.")
            .include(PKG + "ReactiveCallerCostBenchmark\\.")
            .addProfiler(GCProfiler.class);
    for (String p : profilers) {
      o.addProfiler(p);
    }
    if (quick) {
      o.warmupIterations(10).measurementIterations(15);
    }
    run("caller", o);
  }

  /** Thread counts of the contention group; 1 is its own baseline. */
  private static final int[] CALLING_THREADS = {1, 2, 4, 8};

  /**
   * The accepted path and the drop path with 1, 2, 4 and 8 threads sharing one client, each count
   * its own JMH run; results are labelled {@code <benchmark>@<threads>t}.
   */
  private void contention() throws RunnerException {
    for (int threads : CALLING_THREADS) {
      ChainedOptionsBuilder o =
          new OptionsBuilder()
              .include(PKG + "ContendedCallerCostBenchmark\\.woven")
              .include(PKG + "ContendedOutageCallerCostBenchmark\\.woven")
              .include(PKG + "SharingControlBenchmark\\.")
              .threads(threads);
      if (quick) {
        o.warmupIterations(10).measurementIterations(15);
      }
      run("contention-" + threads, o, "@" + threads + "t");
    }
  }

  private void throughput() throws RunnerException {
    ChainedOptionsBuilder o =
        new OptionsBuilder()
            .include(PKG + "DeliveryThroughputBenchmark\\.")
            .include(PKG + "AdaptiveEndpointBenchmark\\.");
    if (quick) {
      o.warmupIterations(1).measurementIterations(2);
    }
    run("throughput", o);
  }

  private void memory() throws RunnerException {
    ChainedOptionsBuilder o = new OptionsBuilder().include(PKG + "QueueMemoryBenchmark\\.");
    if (quick) {
      o.warmupIterations(0).measurementIterations(1);
    }
    run("memory", o);
  }

  private void run(String group, ChainedOptionsBuilder o) throws RunnerException {
    run(group, o, "");
  }

  private void run(String group, ChainedOptionsBuilder o, String suffix) throws RunnerException {
    List<String> jvmArgs = new ArrayList<>(); // beside the benchmarks' own JVM args
    if (metrics) {
      jvmArgs.add("-D" + Fixtures.METRICS + "=true");
    }
    if (platformThreads) {
      jvmArgs.add("-Ddev.optievent.virtualThreads=false");
    }
    if (!jvmArgs.isEmpty()) {
      o.jvmArgsPrepend(jvmArgs.toArray(new String[0]));
    }
    // A failed benchmark (say, the start-up check found the method unwoven) ends the run.
    o.shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON)
        .result(out.resolve(group + ".json").toString());
    Collection<RunResult> rs = new Runner(o.build()).run();
    for (RunResult r : rs) {
      String label = r.getParams().getBenchmark().replaceFirst("^.*\\.benchmarks\\.", "");
      for (String key : r.getParams().getParamsKeys()) {
        label += "[" + key + "=" + r.getParams().getParam(key) + "]";
      }
      results.put(label + suffix, r);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private String summary(long seconds) {
    StringBuilder b = new StringBuilder();
    b.append("## OptiEvent benchmark summary")
        .append(quick ? " (QUICK: smoke run, not figures)" : "")
        .append(metrics ? " (caller cost with OptimoveMetrics bound)" : "")
        .append("\n\n");
    b.append("- run: ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(", ")
        .append(seconds)
        .append(" s\n");
    b.append("- machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs, ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(", load average at the end ")
        .append(
            String.format(
                Locale.ROOT,
                "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append("\n");
    b.append("- JVM: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append("\n\n");
    callerSummary(b);
    throughputSummary(b);
    adaptiveSummary(b);
    memorySummary(b);
    contentionSummary(b);
    return b.toString();
  }

  private void callerSummary(StringBuilder b) {
    if (!results.containsKey("CallerCostBenchmark.woven")) {
      return;
    }
    String c = "CallerCostBenchmark.";
    b.append("### 1. Caller cost, event accepted and queued (healthy case)\n\n");
    callerTable(b, c, List.of("plain", "woven", "plainPath", "wovenPath"));
    b.append(
        "| added by the annotation | ns/call (wall) | ratio to plain (wall) | CPU ns/call"
            + " | B/call (calling thread) | target | met? |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    added(b, "two @EventParam + customer from context", c + "woven", c + "plain");
    added(b, "nested path (plan.name)", c + "wovenPath", c + "plainPath");
    double plainB = perCall(c + "plain", "callerBytes");
    b.append("| method without the annotation (absolute) | ")
        .append(time(c + "plain"))
        .append(" | | ")
        .append(fmt(perCall(c + "plain", "callerCpuNanos")))
        .append(" | ")
        .append(fmt(plainB))
        .append(" | no cost: not woven, 0 B | ")
        .append(verdict(plainB < 1))
        .append(" |\n\n");

    if (results.containsKey("TransactionCallerCostBenchmark.wovenInTransaction")) {
      String t = "TransactionCallerCostBenchmark.";
      b.append("### Caller cost inside a Spring transaction (held until the commit)\n\n");
      callerTable(b, t, List.of("plain", "woven", "plainInTransaction", "wovenInTransaction"));
      b.append(
          "| added by the annotation | ns/call (wall) | ratio to its baseline (wall) | CPU ns/call"
              + " | B/call (calling thread) | target | met? |\n");
      b.append("|---|---|---|---|---|---|---|\n");
      added(b, "no transaction", t + "woven", t + "plain");
      added(
          b,
          "in a transaction: hold, commit, hand-over",
          t + "wovenInTransaction",
          t + "plainInTransaction");
      b.append('\n');
    }

    if (results.containsKey("ReactiveCallerCostBenchmark.woven")) {
      String r = "ReactiveCallerCostBenchmark.";
      b.append("### Caller cost of a method that returns a Mono (subscribed, completed)\n\n");
      callerTable(b, r, List.of("plain", "woven", "plainReactorContext", "wovenReactorContext"));
      b.append(
          "| added by the annotation | ns/call (wall) | ratio to its baseline (wall) | CPU ns/call"
              + " | B/call (calling thread) | target | met? |\n");
      b.append("|---|---|---|---|---|---|---|\n");
      added(b, "identity from the thread's scope", r + "woven", r + "plain");
      added(
          b,
          "identity from the Reactor context",
          r + "wovenReactorContext",
          r + "plainReactorContext");
      b.append('\n');
    }

    if (results.containsKey("OutageCallerCostBenchmark.woven")) {
      String o = "OutageCallerCostBenchmark.";
      b.append("### 3. Caller cost while every request times out (DROP_NEWEST, queue full)\n\n");
      callerTable(b, o, List.of("plain", "woven", "wovenPath"));
      b.append("| outage vs healthy, per call | outage | healthy | ratio | target | met? |\n");
      b.append("|---|---|---|---|---|---|\n");
      outage(b, "two @EventParam, wall ns", time(o + "woven"), time(c + "woven"));
      outage(b, "two @EventParam, CPU ns", cpu(o + "woven"), cpu(c + "woven"));
      outage(b, "nested path, wall ns", time(o + "wovenPath"), time(c + "wovenPath"));
      outage(b, "nested path, CPU ns", cpu(o + "wovenPath"), cpu(c + "wovenPath"));
      b.append('\n');
    }

    if (results.containsKey("ContendedCallerCostBenchmark.woven")) {
      String t = "ContendedCallerCostBenchmark.woven";
      b.append("### Extra: two calling threads sharing one client (accepted path)\n\n");
      callerTable(b, "ContendedCallerCostBenchmark.", List.of("woven"));
      b.append("| two threads vs one, per call | two threads | one thread | ratio |\n");
      b.append("|---|---|---|---|\n");
      b.append("| wall ns | ")
          .append(time(t))
          .append(" | ")
          .append(time(c + "woven"))
          .append(" | ")
          .append(ratio(time(t).score, time(c + "woven").score))
          .append(" |\n");
      b.append("| CPU ns | ")
          .append(cpu(t))
          .append(" | ")
          .append(cpu(c + "woven"))
          .append(" | ")
          .append(ratio(cpu(t).score, cpu(c + "woven").score))
          .append(" |\n\n");
    }
  }

  private void contentionSummary(StringBuilder b) {
    String healthy = "ContendedCallerCostBenchmark.woven@";
    String outage = "ContendedOutageCallerCostBenchmark.woven@";
    if (!results.containsKey(healthy + "1t")) {
      return;
    }
    b.append("### Contention: calling threads sharing one client (woven method)\n\n");
    b.append(
        "| threads | accepted, wall ns | accepted, CPU ns | accepted B/call | CPU vs 1 thread"
            + " (target <= 1.3x) | dropped (outage), wall ns | dropped, CPU ns | outage /"
            + " healthy CPU (target <= 1.2x) |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    double one = perCall(healthy + "1t", "callerCpuNanos");
    for (int t : CALLING_THREADS) {
      String h = healthy + t + "t";
      String o = outage + t + "t";
      double cpu = perCall(h, "callerCpuNanos");
      double dropCpu = perCall(o, "callerCpuNanos");
      b.append("| ")
          .append(t)
          .append(" | ")
          .append(time(h))
          .append(" | ")
          .append(fmt(cpu))
          .append(" | ")
          .append(fmt(perCall(h, "callerBytes")))
          .append(" | ")
          .append(ratio(cpu, one))
          .append(' ')
          .append(verdict(cpu <= 1.3 * one))
          .append(" | ")
          .append(time(o))
          .append(" | ")
          .append(fmt(dropCpu))
          .append(" | ")
          .append(ratio(dropCpu, cpu))
          .append(' ')
          .append(verdict(dropCpu <= 1.2 * cpu))
          .append(" |\n");
    }
    b.append('\n');
    sharingControlSummary(b);
  }

  /** The control: the client's own path, without the aspect, one client shared. */
  private void sharingControlSummary(StringBuilder b) {
    String shared = "SharingControlBenchmark.sharedClient@";
    if (!results.containsKey(shared + "1t")) {
      return;
    }
    b.append("#### Control: the client's own path (no aspect), threads sharing one client\n\n");
    b.append("| threads | wall ns | CPU ns | B/call | CPU vs 1 thread |\n");
    b.append("|---|---|---|---|---|\n");
    double one = perCall(shared + "1t", "callerCpuNanos");
    for (int t : CALLING_THREADS) {
      String label = shared + t + "t";
      double cpu = perCall(label, "callerCpuNanos");
      b.append("| ")
          .append(t)
          .append(" | ")
          .append(time(label))
          .append(" | ")
          .append(fmt(cpu))
          .append(" | ")
          .append(fmt(perCall(label, "callerBytes")))
          .append(" | ")
          .append(ratio(cpu, one))
          .append(" |\n");
    }
    b.append('\n');
  }

  private void callerTable(StringBuilder b, String prefix, List<String> methods) {
    b.append(
        "| benchmark | ns/call (JMH score, wall) | CPU ns/call (calling thread) |"
            + " B/call (GC profiler, all threads) | B/call (calling thread) |\n");
    b.append("|---|---|---|---|---|\n");
    for (String m : methods) {
      String label = prefix + m;
      RunResult r = results.get(label);
      if (r == null) {
        continue;
      }
      Result gc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      b.append("| ")
          .append(label)
          .append(" | ")
          .append(time(label))
          .append(" | ")
          .append(fmt(perCall(label, "callerCpuNanos")))
          .append(" | ")
          .append(gc == null ? "n/a" : new Figure(gc.getScore(), gc.getScoreError()))
          .append(" | ")
          .append(fmt(perCall(label, "callerBytes")))
          .append(" |\n");
    }
    b.append('\n');
  }

  private void added(StringBuilder b, String what, String woven, String plain) {
    added(b, what, woven, plain, true);
  }

  /**
   * @param judged whether the caller-cost target applies (not to the transaction's whole
   *     bookkeeping, which has none)
   */
  private void added(StringBuilder b, String what, String woven, String plain, boolean judged) {
    Figure ns = time(woven).minus(time(plain));
    double cpuNs = perCall(woven, "callerCpuNanos") - perCall(plain, "callerCpuNanos");
    double bytes = perCall(woven, "callerBytes") - perCall(plain, "callerBytes");
    b.append("| ")
        .append(what)
        .append(" | ")
        .append(ns)
        .append(" | ")
        .append(ratio(time(woven).score, time(plain).score))
        .append(" | ")
        .append(fmt(cpuNs))
        .append(" | ")
        .append(fmt(bytes))
        .append(judged ? " | < 200 ns and < 300 B | " : " | none set | ")
        .append(
            !judged
                ? ""
                : ns.score < 200 && bytes < 300
                    ? "met"
                    : cpuNs < 200 && bytes < 300 ? "met on CPU time only" : "**MISSED**")
        .append(" |\n");
  }

  private static void outage(StringBuilder b, String what, Figure outage, Figure healthy) {
    b.append("| ")
        .append(what)
        .append(" | ")
        .append(outage)
        .append(" | ")
        .append(healthy)
        .append(" | ")
        .append(ratio(outage.score, healthy.score))
        .append(" | <= 2x | ")
        .append(verdict(outage.score <= 2 * healthy.score))
        .append(" |\n");
  }

  private Figure cpu(String label) {
    return new Figure(perCall(label, "callerCpuNanos"), Double.NaN);
  }

  private void throughputSummary(StringBuilder b) {
    b.append("### 2. Delivery throughput, enqueue to \"status\":\"success\" (events/s)\n\n");
    b.append(
        "| endpoint | in flight | library, fixed | plain sendAsync | plain blocking send |"
            + " library / best plain (target >= 0.9) | library, default settings (adaptive) |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (String latency : List.of("0", "50")) {
      for (String inFlight : List.of("64", "256")) {
        throughputRow(b, latency, inFlight);
      }
    }
    b.append('\n');
  }

  private void adaptiveSummary(StringBuilder b) {
    String cls = "AdaptiveEndpointBenchmark.defaults[endpoint=";
    if (!results.containsKey(cls + "queueing]")) {
      return;
    }
    b.append("### Adaptive limit against an endpoint with a capacity (default settings)\n\n");
    b.append(
        "| endpoint | capacity | events/s | most requests at the endpoint at once | 429s per"
            + " burst of "
            + AdaptiveEndpointBenchmark.EVENTS
            + " |\n");
    b.append("|---|---|---|---|---|\n");
    for (String[] row :
        new String[][] {
          {"queueing", "64 workers x 50 ms = 1,280/s"}, {"rateLimited", "1,000/s, then 429"}
        }) {
      RunResult r = results.get(cls + row[0] + "]");
      if (r == null) {
        continue;
      }
      b.append("| ")
          .append(row[0])
          .append(" | ")
          .append(row[1])
          .append(" | ")
          .append(time(cls + row[0] + "]"))
          .append(" | ")
          .append(fmt(perBurst(r, "mostAtEndpoint")))
          .append(" | ")
          .append(fmt(perBurst(r, "tooManyRequests")))
          .append(" |\n");
    }
    b.append('\n');
  }

  /** An aux counter's mean per invocation (one burst per iteration). */
  private static double perBurst(RunResult r, String counter) {
    Result value = r.getSecondaryResults().get(counter);
    return value == null ? Double.NaN : value.getStatistics().getMean();
  }

  private void throughputRow(StringBuilder b, String latency, String inFlight) {
    String cls = "DeliveryThroughputBenchmark";
    String what = latency.equals("0") ? "answers at once" : "answers after " + latency + " ms";
    String param = "[inFlight=" + inFlight + "][latencyMs=" + latency + "]";
    if (!results.containsKey(cls + ".library" + param)) {
      return;
    }
    Figure lib = time(cls + ".library" + param);
    Figure async = time(cls + ".plainSendAsync" + param);
    Figure blocking = time(cls + ".plainSendBlocking" + param);
    Figure defaults = time(cls + ".libraryDefaults" + param);
    double ceiling = Math.max(async.score, blocking.score);
    b.append("| ")
        .append(what)
        .append(" | ")
        .append(inFlight)
        .append(" | ")
        .append(lib)
        .append(" | ")
        .append(async)
        .append(" | ")
        .append(blocking)
        .append(" | ")
        .append(ratio(lib.score, ceiling))
        .append(' ')
        .append(verdict(lib.score >= 0.9 * ceiling))
        .append(" | ")
        .append(defaults)
        .append(" |\n");
  }

  private void memorySummary(StringBuilder b) {
    RunResult r = results.get("QueueMemoryBenchmark.fullDefaultQueue");
    if (r == null) {
      return;
    }
    b.append("### 4. Heap held by a full default queue (10,000 events)\n\n");
    List<String> perIteration = new ArrayList<>();
    double queueBytes = 0;
    double events = 0;
    double clientBytes = 0;
    for (BenchmarkResult br : r.getBenchmarkResults()) {
      for (IterationResult ir : br.getIterationResults()) {
        double q = ir.getSecondaryResults().get("queueBytes").getScore();
        double n = ir.getSecondaryResults().get("queuedEvents").getScore();
        double c = ir.getSecondaryResults().get("clientBytes").getScore();
        perIteration.add(fmt(q / n));
        queueBytes += q;
        events += n;
        clientBytes += c;
      }
    }
    int iterations = perIteration.size();
    b.append("| figure | value |\n|---|---|\n");
    b.append("| heap held by the 10,000 queued events | ")
        .append(String.format(Locale.ROOT, "%.2f MB", queueBytes / iterations / 1e6))
        .append(" |\n");
    b.append("| per queued event | ")
        .append(fmt(queueBytes / events))
        .append(" B (runs: ")
        .append(String.join(", ", perIteration))
        .append(") |\n");
    b.append("| whole client: full queue + maxInFlight (256) requests in flight | ")
        .append(String.format(Locale.ROOT, "%.2f MB", clientBytes / iterations / 1e6))
        .append(" |\n\n");
  }

  private Figure time(String label) {
    RunResult r = results.get(label);
    if (r == null) {
      return new Figure(Double.NaN, Double.NaN);
    }
    Result p = r.getPrimaryResult();
    return new Figure(p.getScore(), p.getScoreError());
  }

  /** A summed secondary counter of the calling thread divided by its calls. */
  private double perCall(String label, String counter) {
    RunResult r = results.get(label);
    if (r == null) {
      return Double.NaN;
    }
    Result value = r.getSecondaryResults().get(counter);
    Result calls = r.getSecondaryResults().get("callerCalls");
    return value == null || calls == null ? Double.NaN : value.getScore() / calls.getScore();
  }

  private static String ratio(double a, double b) {
    return String.format(Locale.ROOT, "%.2fx", a / b);
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**MISSED**";
  }

  /** A score with its 99.9% error (JMH's). */
  private record Figure(double score, double error) {
    Figure minus(Figure o) {
      return new Figure(score - o.score, Math.sqrt(error * error + o.error * o.error));
    }

    @Override
    public String toString() {
      if (Double.isNaN(score)) {
        return "n/a";
      }
      if (Double.isNaN(error)) {
        return fmt(score);
      }
      return fmt(score) + " ± " + fmt(error);
    }
  }
}
