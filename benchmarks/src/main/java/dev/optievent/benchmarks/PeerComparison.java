package dev.optievent.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Issue 33's table, from one run: every row of the comparison with the peers, each SDK's figure and
 * its ratio to this library's {@code send(Event)}. It runs {@link PeerCallerCostBenchmark} (JMH,
 * forked as its annotations say), then {@link PeerMemoryHarness} and {@link PeerShutdownHarness}
 * each in a child JVM of their own, and prints one Markdown table.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.optievent.benchmarks.PeerComparison
 * [table.md]} (the {@code bench} profile's jar); about half an hour on two cores. The peers print
 * much on standard output (Amplitude a line per failed send); the table is also written to the
 * file.
 */
public final class PeerComparison {
  private static final String SEND = "optievent";

  /** A row of the table: its label, and each SDK's figure. */
  private record Row(String label, Map<String, Double> values) {}

  private PeerComparison() {}

  /**
   * @param args where to write the table (default {@code peer-comparison.md})
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "peer-comparison.md");
    Path jmhResults = out.resolveSibling(out.getFileName() + ".jmh.json");
    List<Row> rows = new ArrayList<>(callerRows(runJmh(jmhResults)));
    Map<String, String[]> memory = harness(PeerMemoryHarness.class);
    rows.add(row("heap held per queued event, B", memory, 1));
    Map<String, String[]> shutdown = harness(PeerShutdownHarness.class);
    rows.add(row("shutdown with 1,000 queued (50 ms endpoint): took, ms", shutdown, 1));
    rows.add(row("... delivered when the shutdown returned", shutdown, 2));
    rows.add(row("... never delivered (10 s later)", shutdown, 4));
    String table = table(rows);
    Files.writeString(out, table, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(table);
    System.exit(0); // the peers' non-daemon threads would keep the JVM alive
  }

  private static Collection<RunResult> runJmh(Path json) throws RunnerException {
    return new Runner(
            new OptionsBuilder()
                .include(PeerCallerCostBenchmark.class.getName() + "\\.")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build())
        .run();
  }

  private static List<Row> callerRows(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (String endpoint : List.of("answering", "refusing")) {
      String when = endpoint.equals("answering") ? "" : ", endpoint refusing connections";
      rows.add(jmh(results, "oneCaller", endpoint, "caller CPU ns/call, 1 thread" + when, cpu()));
      rows.add(jmh(results, "oneCaller", endpoint, "caller B/call, 1 thread" + when, bytes()));
      rows.add(
          jmh(results, "eightCallers", endpoint, "caller CPU ns/call, 8 threads" + when, cpu()));
      rows.add(
          jmh(
              results,
              "eightCallers",
              endpoint,
              "wall ns/call per thread, 8 threads" + when,
              r -> r.getPrimaryResult().getScore()));
      rows.add(
          jmh(
              results,
              "eightCallersSampled",
              endpoint,
              "longest warm call, µs (99.99th percentile), 8 threads" + when,
              r -> r.getPrimaryResult().getStatistics().getPercentile(99.99)));
    }
    return rows;
  }

  private static ToDoubleFunction<RunResult> cpu() {
    return r -> perCall(r, "callerCpuNanos");
  }

  private static ToDoubleFunction<RunResult> bytes() {
    return r -> perCall(r, "callerBytes");
  }

  private static double perCall(RunResult r, String counter) {
    Map<String, Result> secondary = r.getSecondaryResults();
    return secondary.get(counter).getScore() / secondary.get("callerCalls").getScore();
  }

  private static Row jmh(
      Collection<RunResult> results,
      String method,
      String endpoint,
      String label,
      ToDoubleFunction<RunResult> value) {
    Map<String, Double> values = new HashMap<>();
    for (RunResult r : results) {
      var params = r.getParams();
      if (params.getBenchmark().endsWith("." + method)
          && params.getParam("endpoint").equals(endpoint)) {
        values.put(params.getParam("sdk"), value.applyAsDouble(r));
      }
    }
    return new Row(label, values);
  }

  /** Runs a harness in a JVM of its own and reads the Markdown table it prints, by SDK. */
  private static Map<String, String[]> harness(Class<?> main)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(main.getSimpleName(), ".log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g",
                "-Xmx1g",
                "-Dsun.net.httpserver.nodelay=true",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(main.getSimpleName() + " failed; its output: " + log);
    }
    Map<String, String[]> cells = new LinkedHashMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      String[] parts = line.split("\\|");
      if (parts.length > 2 && PeerSdk.NAMES.contains(parts[1].trim())) {
        cells.put(parts[1].trim(), parts);
      }
    }
    Files.delete(log);
    return cells;
  }

  private static Row row(String label, Map<String, String[]> cells, int column) {
    Map<String, Double> values = new HashMap<>();
    cells.forEach((sdk, parts) -> values.put(sdk, Double.parseDouble(parts[column + 1].trim())));
    return new Row(label, values);
  }

  private static String table(List<Row> rows) {
    StringBuilder t = new StringBuilder("| row |");
    PeerSdk.NAMES.forEach(sdk -> t.append(' ').append(sdk).append(" |"));
    t.append("\n|---|").append("---|".repeat(PeerSdk.NAMES.size())).append('\n');
    for (Row row : rows) {
      t.append("| ").append(row.label()).append(" |");
      Double ours = row.values().get(SEND);
      for (String sdk : PeerSdk.NAMES) {
        t.append(' ').append(cell(row.values().get(sdk), ours)).append(" |");
      }
      t.append('\n');
    }
    return t.toString();
  }

  private static String cell(Double value, Double ours) {
    if (value == null) {
      return "-";
    }
    String figure = String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    if (ours == null || ours == 0) {
      return figure;
    }
    return figure + String.format(Locale.ROOT, " (%.2fx)", value / ours);
  }
}
