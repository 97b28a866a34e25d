package dev.optievent.client.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of records in segment files, in the manner of Kafka's and Fluent Bit's logs.
 * Each record is {@code magic (4) | length (4) | crc32c (4) | payload (length)}, the checksum
 * covering the length and the payload, so that a flipped bit anywhere in a record, a torn write or
 * a truncated file is seen. Reading skips a damaged stretch by looking for the next magic whose
 * record checks out, and counts the stretch once.
 *
 * <p>The directory is held by one process at a time through a {@link FileLock} on {@value
 * #LOCK_FILE}; a second holder (another process, or another log in this process) is refused with
 * {@link SpoolLockedException}. A second holder in this JVM is refused before it opens the lock
 * file at all: closing any channel on that file would release this process's lock (POSIX locks
 * belong to the process, as the {@link FileLock} javadoc warns). The directory's rules (private, no
 * symbolic links followed) are {@link SpoolDirectory}'s. Not thread-safe: one thread (the spool's)
 * uses it. Public for the benchmarks' storage harness only; internal.
 */
public final class SegmentLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);

  static final String LOCK_FILE = "spool.lock";
  static final int MAGIC = 0x4F505431; // "OPT1"
  static final int HEADER = 12;
  static final int MAX_RECORD = 16 * 1024 * 1024;

  /** The largest segment read back: the largest rolled size (8 MiB) plus one record, with room. */
  static final long MAX_SEGMENT = 32L * 1024 * 1024;

  private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{16})\\.log");

  /** The directories (real paths) a log of this JVM holds. */
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  /** One segment file. */
  public static final class Segment {
    final long id;
    final Path path;
    FileChannel channel;
    long size;

    Segment(long id, Path path, FileChannel channel, long size) {
      this.id = id;
      this.path = path;
      this.channel = channel;
      this.size = size;
    }
  }

  /** What a scan of a segment saw. */
  public interface Visitor {
    /**
     * @param position where the record starts
     * @param payload its payload
     */
    void record(long position, byte[] payload);

    /**
     * @param position where a damaged stretch starts
     * @param length how long it is (to the next good record or the end)
     */
    void corrupt(long position, long length);
  }

  private final Path directory;
  private final long segmentBytes;
  private final FileChannel lockChannel;
  private boolean closed;

  /** The highest segment number in the directory, read or not (a link named like one included). */
  private long highestId;

  private final List<Segment> segments = new ArrayList<>();
  private Segment head;
  private long totalBytes;
  private boolean dirty;

  private SegmentLog(Path directory, long segmentBytes, FileChannel lockChannel) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    this.lockChannel = lockChannel;
  }

  /**
   * Opens the directory (creating it), takes its lock, and lists the segments already there; new
   * records go to a new segment, never after an old one's (possibly torn) tail.
   *
   * @param directory the spool directory
   * @param segmentBytes a segment is rolled once it holds this many bytes
   * @return the log
   * @throws SpoolLockedException if another holder has the directory
   * @throws IOException if the directory cannot be used
   */
  public static SegmentLog open(Path directory, long segmentBytes) throws IOException {
    return open(directory, segmentBytes, log -> {});
  }

  /** A step of the open that may fail: for tests, which check that a failed open holds nothing. */
  interface OpenStep {
    void run(SegmentLog log) throws IOException;
  }

  /**
   * {@link #open(Path, long)}, with a last step that may fail.
   *
   * @param lastStep run once the directory is locked and listed
   */
  static SegmentLog open(Path directory, long segmentBytes, OpenStep lastStep) throws IOException {
    Path real = SpoolDirectory.prepare(directory);
    Path lockPath = directory.resolve(LOCK_FILE);
    if (!HELD_IN_THIS_JVM.add(real)) {
      throw new SpoolLockedException(directory, lockPath); // no channel opened: see the class doc
    }
    SegmentLog log;
    try {
      log = new SegmentLog(real, segmentBytes, lockChannel(directory, lockPath));
    } catch (IOException | RuntimeException e) {
      HELD_IN_THIS_JVM.remove(real);
      throw e;
    }
    try {
      log.listSegments();
      log.roll();
      lastStep.run(log);
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
    return log;
  }

  /** Opens the lock file and takes its lock, or throws. */
  private static FileChannel lockChannel(Path directory, Path lockPath) throws IOException {
    FileChannel channel =
        SpoolDirectory.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // cannot happen past HELD_IN_THIS_JVM; refused all the same
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new SpoolLockedException(directory, lockPath);
    }
    return channel;
  }

  private void listSegments() throws IOException {
    List<Segment> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "segment-*.log")) {
      for (Path p : files) {
        Matcher m = SEGMENT.matcher(p.getFileName().toString());
        if (m.matches()) {
          highestId = Math.max(highestId, Long.parseLong(m.group(1))); // a new one goes above
        }
        if (m.matches() && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          LOG.warn(
              "Optimove spool: {} is not a regular file (a symbolic link?); it is left alone and"
                  + " not read",
              p);
        } else if (m.matches()) {
          long size = Files.size(p);
          found.add(new Segment(Long.parseLong(m.group(1)), p, null, size));
        }
      }
    }
    found.sort((a, b) -> Long.compare(a.id, b.id));
    for (Segment s : found) {
      segments.add(s);
      totalBytes += s.size;
    }
  }

  /**
   * @return the segments, oldest first (the last is the head, written to)
   */
  public List<Segment> segments() {
    return segments;
  }

  public Segment head() {
    return head;
  }

  /**
   * @return bytes of every segment file
   */
  long totalBytes() {
    return totalBytes;
  }

  Path directory() {
    return directory;
  }

  /** Starts a new head segment (the old head stays, read-only). */
  void roll() throws IOException {
    long id =
        Math.max(highestId, segments.isEmpty() ? 0 : segments.get(segments.size() - 1).id) + 1;
    highestId = id;
    Path p = directory.resolve(String.format("segment-%016d.log", id));
    FileChannel ch =
        SpoolDirectory.open(
            p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (head != null && dirty) {
      head.channel.force(false);
    }
    head = new Segment(id, p, ch, 0);
    segments.add(head);
    dirty = false;
    SpoolDirectory.force(directory); // the new file's entry, so that a crash cannot lose it
  }

  /**
   * @param payloadLength a payload's length
   * @return the bytes its record takes
   */
  static long recordBytes(int payloadLength) {
    return HEADER + (long) payloadLength;
  }

  /**
   * Appends a record to the head segment, rolling first if the head is full.
   *
   * @param payload the payload
   * @return the segment it went to; its position is {@code segment.size - recordBytes} afterwards
   */
  public Segment append(byte[] payload) throws IOException {
    if (head.size >= segmentBytes) {
      roll();
    }
    ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
    buf.putInt(MAGIC).putInt(payload.length).putInt(crc(payload.length, payload, payload.length));
    buf.put(payload).flip();
    long pos = head.size;
    try {
      while (buf.hasRemaining()) {
        pos += head.channel.write(buf, pos);
      }
    } catch (IOException e) {
      // A partial record (a full disk) would read as damage at the next start: cut it off.
      try {
        head.channel.truncate(head.size);
      } catch (IOException ignored) {
        e.addSuppressed(ignored);
      }
      throw e;
    }
    long written = pos - head.size;
    head.size = pos;
    totalBytes += written;
    dirty = true;
    return head;
  }

  /** Forces what was appended since the last call to the disk. */
  public void force() throws IOException {
    if (dirty) {
      head.channel.force(false);
      dirty = false;
    }
  }

  static int crc(int length, byte[] payload, int payloadLength) {
    CRC32C c = new CRC32C();
    c.update(length >>> 24);
    c.update(length >>> 16);
    c.update(length >>> 8);
    c.update(length);
    c.update(payload, 0, payloadLength);
    return (int) c.getValue();
  }

  /**
   * Reads the record at a position found by a scan.
   *
   * @return its payload, or {@code null} if it no longer checks out
   */
  byte[] read(Segment s, long position) throws IOException {
    FileChannel ch = channel(s);
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    if (!readFully(ch, header, position)) {
      return null;
    }
    header.flip();
    int magic = header.getInt();
    int length = header.getInt();
    int crc = header.getInt();
    if (magic != MAGIC || length < 0 || length > MAX_RECORD) {
      return null;
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    if (!readFully(ch, body, position + HEADER)) {
      return null;
    }
    byte[] payload = body.array();
    return crc(length, payload, length) == crc ? payload : null;
  }

  /**
   * Reads a whole segment: every record that checks out, and each damaged stretch once.
   *
   * @param s the segment
   * @param visitor told of each
   */
  public void scan(Segment s, Visitor visitor) throws IOException {
    FileChannel ch = channel(s);
    long size = ch.size();
    if (size > MAX_SEGMENT) {
      // Read whole, it could exhaust the heap; no segment this library writes is that large.
      throw new IOException(
          size + " bytes, more than any segment this library writes (" + MAX_SEGMENT + ")");
    }
    ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 16));
    readFully(ch, all, 0);
    byte[] bytes = all.array();
    int end = all.position();
    int pos = 0;
    long damagedFrom = -1;
    while (pos < end) {
      int length = validAt(bytes, pos, end);
      if (length >= 0) {
        if (damagedFrom >= 0) {
          visitor.corrupt(damagedFrom, pos - damagedFrom);
          damagedFrom = -1;
        }
        byte[] payload = new byte[length];
        System.arraycopy(bytes, pos + HEADER, payload, 0, length);
        visitor.record(pos, payload);
        pos += HEADER + length;
      } else {
        if (damagedFrom < 0) {
          damagedFrom = pos;
        }
        pos++;
      }
    }
    if (damagedFrom >= 0) {
      visitor.corrupt(damagedFrom, end - damagedFrom);
    }
  }

  /** The payload length of a good record at {@code pos}, or -1. */
  private static int validAt(byte[] b, int pos, int end) {
    if (end - pos < HEADER || intAt(b, pos) != MAGIC) {
      return -1;
    }
    int length = intAt(b, pos + 4);
    if (length < 0 || length > MAX_RECORD || length > end - pos - HEADER) {
      return -1;
    }
    CRC32C c = new CRC32C();
    c.update(b, pos + 4, 4);
    c.update(b, pos + HEADER, length);
    return (int) c.getValue() == intAt(b, pos + 8) ? length : -1;
  }

  private static int intAt(byte[] b, int i) {
    return (b[i] & 0xff) << 24
        | (b[i + 1] & 0xff) << 16
        | (b[i + 2] & 0xff) << 8
        | (b[i + 3] & 0xff);
  }

  private FileChannel channel(Segment s) throws IOException {
    if (s.channel == null) {
      s.channel = SpoolDirectory.open(s.path, StandardOpenOption.READ);
    }
    return s.channel;
  }

  private static boolean readFully(FileChannel ch, ByteBuffer buf, long position)
      throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        return false;
      }
      pos += n;
    }
    return true;
  }

  /**
   * Deletes a segment that is not the head.
   *
   * @param s the segment
   */
  void delete(Segment s) throws IOException {
    if (s == head) {
      throw new IllegalArgumentException("the head segment is written to");
    }
    if (s.channel != null) {
      s.channel.close();
      s.channel = null;
    }
    Files.deleteIfExists(s.path);
    segments.remove(s);
    totalBytes -= s.size;
    SpoolDirectory.force(directory);
  }

  /**
   * Deletes the head if it holds nothing worth keeping and starts a new one, so that a restart does
   * not replay what was delivered.
   */
  void recycleHead() throws IOException {
    Segment old = head;
    roll();
    delete(old);
  }

  /**
   * Closes the files and releases the lock. The head is forced first; an empty head is deleted.
   * Idempotent.
   */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (Segment s : segments) {
      if (s.channel != null) {
        try {
          if (s == head && dirty) {
            s.channel.force(false);
          }
          s.channel.close();
          if (s == head && s.size == 0) {
            Files.deleteIfExists(s.path);
          }
        } catch (IOException e) {
          failure = e;
        }
        s.channel = null;
      }
    }
    if (!closed) {
      closed = true;
      try {
        lockChannel.close(); // releases the lock
      } catch (IOException e) {
        failure = e;
      } finally {
        HELD_IN_THIS_JVM.remove(directory);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
