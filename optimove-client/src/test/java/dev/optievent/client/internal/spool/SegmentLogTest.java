package dev.optievent.client.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment log: records read back as written, every kind of damage found, skipped, counted. */
class SegmentLogTest {
  @TempDir Path dir;

  /** What a scan of every segment saw. */
  private static final class Seen implements SegmentLog.Visitor {
    final List<String> records = new ArrayList<>();
    final List<long[]> stretches = new ArrayList<>();
    int corrupt;

    @Override
    public void record(long position, byte[] payload) {
      records.add(new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void corrupt(long position, long length) {
      corrupt++;
      stretches.add(new long[] {position, length});
    }
  }

  private Path writeRecords(String... payloads) throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      for (String p : payloads) {
        log.append(p.getBytes(StandardCharsets.UTF_8));
      }
      return log.head().path;
    }
  }

  private Seen scanAll() throws IOException {
    Seen seen = new Seen();
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      for (SegmentLog.Segment s : log.segments()) {
        if (s != log.head()) {
          log.scan(s, seen);
        }
      }
    }
    return seen;
  }

  private static long offsetOf(int recordIndex, String... payloads) {
    long pos = 0;
    for (int i = 0; i < recordIndex; i++) {
      pos += SegmentLog.HEADER + payloads[i].length();
    }
    return pos;
  }

  private static void flipBit(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x10);
    }
  }

  @Test
  void readsBackEveryRecordInOrder() throws IOException {
    writeRecords("one", "two", "three");

    Seen seen = scanAll();

    assertThat(seen.records).containsExactly("one", "two", "three");
    assertThat(seen.corrupt).isZero();
  }

  @Test
  void aFlippedBitInAPayloadSkipsThatRecordOnly() throws IOException {
    String[] p = {"first record", "second record", "third record"};
    Path file = writeRecords(p);
    flipBit(file, offsetOf(1, p) + SegmentLog.HEADER + 3);

    Seen seen = scanAll();

    assertThat(seen.records).containsExactly("first record", "third record");
    assertThat(seen.corrupt).isEqualTo(1);
  }

  @Test
  void aFlippedBitInALengthIsCaughtByTheChecksumAndTheNextRecordFound() throws IOException {
    String[] p = {"first record", "second record", "third record"};
    Path file = writeRecords(p);
    flipBit(file, offsetOf(1, p) + 7); // the low byte of the second record's length

    Seen seen = scanAll();

    assertThat(seen.records).containsExactly("first record", "third record");
    assertThat(seen.corrupt).isEqualTo(1);
  }

  @Test
  void aTornLastRecordIsSkippedAndCounted() throws IOException {
    String[] p = {"first record", "second record", "third record"};
    Path file = writeRecords(p);
    long full = Files.size(file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(full - 5); // a partial write: the tail of the last record never reached disk
    }

    Seen seen = scanAll();

    assertThat(seen.records).containsExactly("first record", "second record");
    assertThat(seen.corrupt).isEqualTo(1);
  }

  @Test
  void aFileTruncatedInsideAHeaderKeepsWhatCameBefore() throws IOException {
    String[] p = {"first record", "second record"};
    Path file = writeRecords(p);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(offsetOf(1, p) + 6);
    }

    Seen seen = scanAll();

    assertThat(seen.records).containsExactly("first record");
    assertThat(seen.corrupt).isEqualTo(1);
  }

  @Test
  void garbageBetweenRecordsIsOneDamagedStretch() throws IOException {
    String[] p = {"first record", "second record"};
    Path file = writeRecords(p);
    byte[] bytes = Files.readAllBytes(file);
    byte[] garbage = "not a record at all, just noise".getBytes(StandardCharsets.UTF_8);
    int cut = (int) offsetOf(1, p);
    byte[] out = new byte[bytes.length + garbage.length];
    System.arraycopy(bytes, 0, out, 0, cut);
    System.arraycopy(garbage, 0, out, cut, garbage.length);
    System.arraycopy(bytes, cut, out, cut + garbage.length, bytes.length - cut);
    Files.write(file, out);

    Seen seen = scanAll();

    assertThat(seen.records).containsExactly("first record", "second record");
    assertThat(seen.stretches).containsExactly(new long[] {cut, garbage.length});
  }

  @Test
  void aSecondLogOnTheSameDirectoryIsRefusedNamingTheDirectoryAndTheLock() throws IOException {
    try (SegmentLog first = SegmentLog.open(dir, 1 << 20)) {
      assertThatThrownBy(() -> SegmentLog.open(dir, 1 << 20))
          .isInstanceOf(SpoolLockedException.class)
          .hasMessageContaining(dir.toAbsolutePath().toString())
          .hasMessageContaining(dir.resolve(SegmentLog.LOCK_FILE).toAbsolutePath().toString());
    }
    try (SegmentLog again = SegmentLog.open(dir, 1 << 20)) {
      assertThat(again.directory()).isEqualTo(dir); // released on close
    }
  }

  @Test
  void newRecordsGoToANewSegmentNeverAfterAnOldTail() throws IOException {
    writeRecords("old");
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      assertThat(log.segments()).hasSize(2);
      assertThat(log.head()).isSameAs(log.segments().get(1));
    }
  }

  /**
   * Descriptors of this process open on a file in {@code directory}. Only those: the process's
   * other descriptors (sockets and selectors of other tests' clients, closing in the background)
   * come and go on their own and made a count of all of them flaky.
   */
  private static long openDescriptorsIn(Path directory) throws IOException {
    Path real = directory.toRealPath();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> pointsInto(fd, real)).count();
    }
  }

  private static boolean pointsInto(Path fd, Path directory) {
    try {
      return Files.readSymbolicLink(fd).startsWith(directory);
    } catch (IOException e) {
      return false; // closed between the listing and the read: not open any more
    }
  }

  private static byte[] filled(int length, char c) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) c);
    return b;
  }

  @Test
  void aSegmentIsRolledOnceItHoldsSegmentBytesAndTheSegmentsAreListedOldestFirst()
      throws IOException {
    long recordBytes = SegmentLog.recordBytes(20);
    try (SegmentLog log = SegmentLog.open(dir, recordBytes)) {
      for (int i = 0; i < 12; i++) {
        log.append(filled(20, (char) ('a' + i)));
      }
    }

    try (SegmentLog log = SegmentLog.open(dir, recordBytes)) {
      List<SegmentLog.Segment> segments = log.segments();
      assertThat(segments).hasSize(13);
      assertThat(segments.stream().map(s -> s.id))
          .as("oldest first, whatever order the directory lists them in")
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
      assertThat(segments.subList(0, 12))
          .as("a full segment (exactly segmentBytes) is rolled before the next record")
          .allSatisfy(s -> assertThat(Files.size(s.path)).isEqualTo(recordBytes));
      assertThat(log.head().path.getFileName()).hasToString("segment-0000000000000013.log");
      assertThat(log.totalBytes()).isEqualTo(12 * recordBytes);
      Seen seen = new Seen();
      for (SegmentLog.Segment s : segments.subList(0, 12)) {
        log.scan(s, seen);
      }
      assertThat(seen.records)
          .containsExactly(
              "a".repeat(20),
              "b".repeat(20),
              "c".repeat(20),
              "d".repeat(20),
              "e".repeat(20),
              "f".repeat(20),
              "g".repeat(20),
              "h".repeat(20),
              "i".repeat(20),
              "j".repeat(20),
              "k".repeat(20),
              "l".repeat(20));
    }
  }

  @Test
  void deletingASegmentClosesItsFileAndTakesItsBytesOffTheTotal() throws IOException {
    writeRecords("first", "second");
    writeRecords("third");
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      SegmentLog.Segment never = log.segments().get(0); // listed, never opened
      SegmentLog.Segment scanned = log.segments().get(1);
      log.scan(scanned, new Seen());
      FileChannel channel = scanned.channel;
      long before = log.totalBytes();

      log.delete(never);
      log.delete(scanned);

      assertThat(channel.isOpen()).isFalse();
      assertThat(Files.exists(never.path)).isFalse();
      assertThat(Files.exists(scanned.path)).isFalse();
      assertThat(log.segments()).containsExactly(log.head());
      assertThat(log.totalBytes())
          .isEqualTo(
              before
                  - SegmentLog.recordBytes(5)
                  - SegmentLog.recordBytes(6)
                  - SegmentLog.recordBytes(5))
          .isZero();
      assertThatThrownBy(() -> log.delete(log.head())).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void closeClosesEveryFileAndTheLockAndARefusedOpenLeaksNone() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "open descriptors are listed (Linux)");
    writeRecords("old");
    long before = openDescriptorsIn(dir);
    SegmentLog log = SegmentLog.open(dir, 1 << 20);
    log.scan(log.segments().get(0), new Seen());
    log.append("new".getBytes(StandardCharsets.UTF_8));
    FileChannel old = log.segments().get(0).channel;
    FileChannel head = log.head().channel;
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> SegmentLog.open(dir, 1 << 20))
          .isInstanceOf(SpoolLockedException.class);
    }

    log.close();

    assertThat(old.isOpen()).isFalse();
    assertThat(head.isOpen()).isFalse();
    assertThat(before).as("descriptors open on the spool before it").isZero();
    assertThat(openDescriptorsIn(dir)).as("descriptors left open").isEqualTo(before);
  }

  @Test
  void anOpenThatFailsOnceTheDirectoryIsLockedReleasesItAgain() throws IOException {
    assertThatThrownBy(
            () ->
                SegmentLog.open(
                    dir,
                    1 << 20,
                    log -> {
                      throw new IOException("failed after the lock");
                    }))
        .hasMessage("failed after the lock");

    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      assertThat(log.segments())
          .as("the lock, and this JVM's hold, were released by the failed open")
          .hasSize(1);
    }
  }

  @Test
  void anEmptyPayloadIsARecordNotDamage() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      log.append(new byte[0]);
      log.append("after".getBytes(StandardCharsets.UTF_8));
      log.append(new byte[0]); // a header and nothing else, at the very end
    }
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      SegmentLog.Segment s = log.segments().get(0);
      Seen seen = new Seen();
      log.scan(s, seen);

      assertThat(seen.records).containsExactly("", "after", "");
      assertThat(seen.corrupt).isZero();
      assertThat(log.read(s, 0)).isEmpty();
      assertThat(log.read(s, SegmentLog.HEADER))
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("after");
    }
  }

  @Test
  void readingWhereNoGoodRecordIsGivesNull() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      log.append("a record".getBytes(StandardCharsets.UTF_8));
      SegmentLog.Segment s = log.head();

      assertThat(log.read(s, 0)).asString(StandardCharsets.UTF_8).isEqualTo("a record");
      assertThat(log.read(s, 1)).as("not at a magic").isNull();
      assertThat(log.read(s, s.size)).as("past the end").isNull();
      assertThat(log.read(s, s.size - 4)).as("a header cut by the end").isNull();
    }
  }

  @Test
  void aRecordWhoseBodyWasCutAfterTheScanReadsAsNull() throws IOException {
    Path file = writeRecords("first record", "second record");
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      SegmentLog.Segment s = log.segments().get(0);
      log.scan(s, new Seen());
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.setLength(Files.size(file) - 2);
      }
      assertThat(log.read(s, 0)).asString(StandardCharsets.UTF_8).isEqualTo("first record");
      assertThat(log.read(s, SegmentLog.recordBytes(12))).isNull();
    }
  }

  @Test
  void largeRecordsUpToTheLimitCheckOutLengthBytesIncluded() throws IOException {
    byte[] large = filled(70_000, 'x'); // a length with all of its low three bytes in use
    byte[] max = filled(SegmentLog.MAX_RECORD, 'y');
    try (SegmentLog log = SegmentLog.open(dir, 1L << 30)) {
      log.append(large);
      log.append(max);
    }
    try (SegmentLog log = SegmentLog.open(dir, 1L << 30)) {
      SegmentLog.Segment s = log.segments().get(0);
      List<Integer> lengths = new ArrayList<>();
      int[] corrupt = {0};
      log.scan(
          s,
          new SegmentLog.Visitor() {
            @Override
            public void record(long position, byte[] payload) {
              lengths.add(payload.length);
            }

            @Override
            public void corrupt(long position, long length) {
              corrupt[0]++;
            }
          });

      assertThat(lengths).containsExactly(70_000, SegmentLog.MAX_RECORD);
      assertThat(corrupt[0]).isZero();
      assertThat(log.read(s, 0)).isEqualTo(large);
      assertThat(log.read(s, SegmentLog.recordBytes(70_000))).hasSize(SegmentLog.MAX_RECORD);
    }
  }

  @Test
  void damageAtTheStartOfAFileIsOneStretchFromZero() throws IOException {
    String[] p = {"first record", "second record"};
    Path file = writeRecords(p);
    byte[] bytes = Files.readAllBytes(file);
    byte[] garbage = "noise!".getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[garbage.length + bytes.length];
    System.arraycopy(garbage, 0, out, 0, garbage.length);
    System.arraycopy(bytes, 0, out, garbage.length, bytes.length);
    Files.write(file, out);

    Seen seen = scanAll();

    assertThat(seen.records).containsExactly("first record", "second record");
    assertThat(seen.stretches).containsExactly(new long[] {0, garbage.length});
  }

  @Test
  void aFileOfNothingButDamageIsOneStretchOfItsWholeLength() throws IOException {
    Path file = writeRecords("first record");
    Files.write(file, "no record in here at all".getBytes(StandardCharsets.UTF_8));

    Seen seen = scanAll();

    assertThat(seen.records).isEmpty();
    assertThat(seen.stretches).containsExactly(new long[] {0, 24});
  }

  @Test
  void aDamagedStretchIsReportedWhereItStartsAndAsLongAsItIs() throws IOException {
    String[] p = {"first record", "second record", "third record"};
    Path file = writeRecords(p);
    flipBit(file, offsetOf(1, p) + SegmentLog.HEADER + 3);
    long size = Files.size(file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size - 5); // and the last record torn
    }

    Seen seen = scanAll();

    assertThat(seen.records).containsExactly("first record");
    assertThat(seen.stretches)
        .containsExactly(new long[] {offsetOf(1, p), size - 5 - offsetOf(1, p)});
  }
}
