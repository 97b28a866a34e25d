package dev.optievent.client.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment log: records read back as written, every kind of damage found, skipped, counted. */
class SegmentLogTest {
  @TempDir Path dir;

  /** What a scan of every segment saw. */
  private static final class Seen implements SegmentLog.Visitor {
    final List<String> records = new ArrayList<>();
    int corrupt;

    @Override
    public void record(long position, byte[] payload) {
      records.add(new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void corrupt(long position, long length) {
      corrupt++;
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
    assertThat(seen.corrupt).isEqualTo(1);
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
}
