package dev.optievent.benchmarks;

import dev.optievent.client.Event;
import dev.optievent.client.internal.spool.SegmentLog;
import dev.optievent.client.internal.spool.SpoolRecord;
import dev.optievent.client.internal.wire.PayloadWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Measures the spool's storage candidates with the same records: the client's own {@link
 * SegmentLog} (append with CRC32C, forced every second; replay = scan with checksums), and H2's
 * MVStore (a map of sequence number to record, committed every second; replay = iterate). Also the
 * spool thread's whole work per event: the JSON body, the record, the append.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * dev.optievent.client.internal.spool.SpoolStorageHarness [records] [rounds]} (the {@code bench}
 * profile's jar). Not JMH: each figure is one pass over a fresh directory, best of the rounds, on
 * whatever disk {@code java.io.tmpdir} is.
 */
public final class SpoolStorageHarness {
  private static final long SYNC_NANOS = TimeUnit.SECONDS.toNanos(1);

  private SpoolStorageHarness() {}

  /**
   * @param args records per pass (default 200000) and rounds (default 3)
   * @throws IOException if a file cannot be used
   */
  public static void main(String[] args) throws IOException {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    PayloadWriter writer = new PayloadWriter(999);
    Event[] events = new Event[1024];
    byte[][] payloads = new byte[events.length][];
    for (int i = 0; i < events.length; i++) {
      events[i] =
          Event.builder("order_placed")
              .customer("customer-" + i)
              .param("order_id", "o-" + (100_000 + i))
              .param("total", 59.9 + i)
              .param("currency", "EUR")
              .param("items", i % 7)
              .timestamp(Instant.parse("2026-11-27T05:12:01.123Z"))
              .build();
      payloads[i] =
          SpoolRecord.encode(events[i], 1, System.currentTimeMillis(), write(writer, events[i]));
    }
    System.out.printf(
        "record payload: %d bytes; %d records per pass%n", payloads[0].length, records);
    double[] best = new double[5];
    for (int r = 0; r < rounds; r++) {
      double[] run = {
        segmentAppend(payloads, records),
        segmentReplay(payloads, records),
        mvStoreAppend(payloads, records),
        mvStoreReplay(payloads, records),
        spoolThreadWork(writer, events, records)
      };
      for (int i = 0; i < run.length; i++) {
        best[i] = Math.max(best[i], run[i]);
      }
      System.out.printf(
          "round %d: segment log append %.0f/s replay %.0f/s; MVStore append %.0f/s replay %.0f/s;"
              + " spool thread (JSON + record + append) %.0f/s%n",
          r + 1, run[0], run[1], run[2], run[3], run[4]);
    }
    System.out.printf(
        "best: segment log append %.0f/s replay %.0f/s; MVStore append %.0f/s replay %.0f/s;"
            + " spool thread %.0f/s%n",
        best[0], best[1], best[2], best[3], best[4]);
  }

  private static byte[] write(PayloadWriter writer, Event e) {
    try {
      return writer.write(e);
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static double rate(int n, long startNanos) {
    return n / ((System.nanoTime() - startNanos) / 1e9);
  }

  private static Path freshDir() throws IOException {
    return Files.createTempDirectory("spool-bench");
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static double segmentAppend(byte[][] payloads, int n) throws IOException {
    Path dir = freshDir();
    try (SegmentLog log = SegmentLog.open(dir, 8L << 20)) {
      long start = System.nanoTime();
      long nextSync = start + SYNC_NANOS;
      for (int i = 0; i < n; i++) {
        log.append(payloads[i & 1023]);
        if ((i & 255) == 0 && System.nanoTime() - nextSync >= 0) {
          log.force();
          nextSync = System.nanoTime() + SYNC_NANOS;
        }
      }
      log.force();
      return rate(n, start);
    } finally {
      delete(dir);
    }
  }

  private static double segmentReplay(byte[][] payloads, int n) throws IOException {
    Path dir = freshDir();
    try {
      try (SegmentLog log = SegmentLog.open(dir, 8L << 20)) {
        for (int i = 0; i < n; i++) {
          log.append(payloads[i & 1023]);
        }
      }
      try (SegmentLog log = SegmentLog.open(dir, 8L << 20)) {
        long[] seen = new long[1];
        long start = System.nanoTime();
        for (SegmentLog.Segment s : log.segments()) {
          if (s != log.head()) {
            log.scan(
                s,
                new SegmentLog.Visitor() {
                  @Override
                  public void record(long position, byte[] payload) {
                    seen[0]++;
                  }

                  @Override
                  public void corrupt(long position, long length) {
                    throw new IllegalStateException("corrupt at " + position);
                  }
                });
          }
        }
        if (seen[0] != n) {
          throw new IllegalStateException("read " + seen[0] + " of " + n);
        }
        return rate(n, start);
      }
    } finally {
      delete(dir);
    }
  }

  private static double mvStoreAppend(byte[][] payloads, int n) throws IOException {
    Path dir = freshDir();
    try (MVStore store =
        new MVStore.Builder()
            .fileName(dir.resolve("spool.mv").toString())
            .autoCommitDisabled()
            .open()) {
      MVMap<Long, byte[]> map = store.openMap("events");
      long start = System.nanoTime();
      long nextSync = start + SYNC_NANOS;
      for (int i = 0; i < n; i++) {
        map.put((long) i, payloads[i & 1023]);
        if ((i & 255) == 0 && System.nanoTime() - nextSync >= 0) {
          store.commit();
          store.sync();
          nextSync = System.nanoTime() + SYNC_NANOS;
        }
      }
      store.commit();
      store.sync();
      return rate(n, start);
    } finally {
      delete(dir);
    }
  }

  private static double mvStoreReplay(byte[][] payloads, int n) throws IOException {
    Path dir = freshDir();
    String file = dir.resolve("spool.mv").toString();
    try {
      try (MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open()) {
        MVMap<Long, byte[]> map = store.openMap("events");
        for (int i = 0; i < n; i++) {
          map.put((long) i, payloads[i & 1023]);
        }
        store.commit();
      }
      try (MVStore store = new MVStore.Builder().fileName(file).readOnly().open()) {
        MVMap<Long, byte[]> map = store.openMap("events");
        long start = System.nanoTime();
        long seen = 0;
        for (Map.Entry<Long, byte[]> e : map.entrySet()) {
          seen += e.getValue().length > 0 ? 1 : 0;
        }
        if (seen != n) {
          throw new IllegalStateException("read " + seen + " of " + n);
        }
        return rate(n, start);
      }
    } finally {
      delete(dir);
    }
  }

  private static double spoolThreadWork(PayloadWriter writer, Event[] events, int n)
      throws IOException {
    Path dir = freshDir();
    try (SegmentLog log = SegmentLog.open(dir, 8L << 20)) {
      long start = System.nanoTime();
      long nextSync = start + SYNC_NANOS;
      for (int i = 0; i < n; i++) {
        Event e = events[i & 1023];
        log.append(SpoolRecord.encode(e, 1, System.currentTimeMillis(), write(writer, e)));
        if ((i & 255) == 0 && System.nanoTime() - nextSync >= 0) {
          log.force();
          nextSync = System.nanoTime() + SYNC_NANOS;
        }
      }
      log.force();
      return rate(n, start);
    } finally {
      delete(dir);
    }
  }
}
