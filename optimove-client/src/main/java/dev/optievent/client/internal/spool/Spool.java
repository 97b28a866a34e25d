package dev.optievent.client.internal.spool;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.OptimoveConfigException;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.Durations;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.delivery.Accounting;
import dev.optievent.client.internal.delivery.Delivery;
import dev.optievent.client.internal.delivery.InvalidPayloadException;
import dev.optievent.client.internal.delivery.LogSafe;
import dev.optievent.client.internal.delivery.Outcomes;
import dev.optievent.client.internal.delivery.PayloadWriter;
import dev.optievent.client.internal.delivery.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool: a write-ahead log of the client's undelivered events on disk (a {@link
 * SegmentLog}), run by one library thread, {@code optimove-spool-N}.
 *
 * <ul>
 *   <li>Every event queued in memory is also handed to the spool ({@link #keep}) and written, so
 *       that a crash loses at most what was accepted since the last {@code spoolSyncInterval}.
 *   <li>An event that does not fit in memory is handed over instead ({@link #spill}): it lives on
 *       disk only, and the spool thread offers it to the pipeline, oldest first, as room frees (the
 *       endpoint's pace, since room frees as requests end).
 *   <li>On start, every record the directory holds is counted as accepted by this process and
 *       replayed the same way; damaged stretches are counted as {@code spool_corrupt}, records
 *       older than {@code spoolMaxEventAge} as {@code spool_expired}.
 *   <li>A segment file is deleted once every event written to it has settled and none of it waits
 *       to be replayed; events still undelivered at {@link #close} stay on disk for the next start.
 * </ul>
 *
 * <p>Callers ({@link #keep}, {@link #spill}) never touch the disk or take a lock: they add to a
 * bounded lock-free handoff and wake the spool thread only if it is parked. Internal.
 */
public final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private static final long REPLAY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** The spool's bookkeeping for one segment. */
  private static final class Seg {
    final SegmentLog.Segment segment;
    final List<Delivery> tracked = new ArrayList<>();
    long[] toReplay = new long[16];
    int replayHead;
    int replayTail;

    Seg(SegmentLog.Segment segment) {
      this.segment = segment;
    }

    boolean hasReplay() {
      return replayHead < replayTail;
    }

    void addReplay(long pos) {
      if (replayTail == toReplay.length) {
        toReplay = java.util.Arrays.copyOf(toReplay, toReplay.length * 2);
      }
      toReplay[replayTail++] = pos;
    }
  }

  private final SegmentLog log;
  private final Pipeline pipeline;
  private final Outcomes outcomes;
  private final Accounting accounting;
  private final PayloadWriter writer;
  private final long maxBytes;
  private final long syncNanos;
  private final long maxAgeMillis;
  private final int handoffCapacity;
  private final long maxHandoffBytes;
  private final Thread thread;

  // Callers' side.
  private final ConcurrentLinkedQueue<Delivery> kept = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Delivery> spilled = new ConcurrentLinkedQueue<>();
  private final AtomicInteger handoffCount = new AtomicInteger();
  private final AtomicLong handoffSpillBytes = new AtomicLong();
  private final AtomicInteger spilledInHandoff = new AtomicInteger();
  private volatile Thread waitingForWork;
  private volatile boolean closing;
  private volatile boolean sealed;
  private volatile boolean recovered;

  // Read by stats().
  private volatile long diskBytes;
  private volatile long onDiskOnly;
  private volatile long syncedRecords;

  // The spool thread's own.
  private final Map<SegmentLog.Segment, Seg> segs = new IdentityHashMap<>();
  private final List<Seg> order = new ArrayList<>();
  private Seg replaySeg;
  private Delivery nextReplay;
  private long appendedRecords;
  private long keptSkipped;

  private volatile List<Delivery> closeRequest;
  private volatile List<Delivery> notHeld;
  private final CountDownLatch finished = new CountDownLatch(1);

  private Spool(
      SegmentLog log,
      OptimoveConfig config,
      Pipeline pipeline,
      Outcomes outcomes,
      Accounting accounting,
      int id) {
    this.log = log;
    this.pipeline = pipeline;
    this.outcomes = outcomes;
    this.accounting = accounting;
    this.writer = new PayloadWriter(config.tenant());
    this.maxBytes = config.spoolMaxBytes();
    this.syncNanos = Durations.toNanosSaturated(config.spoolSyncInterval());
    this.maxAgeMillis = config.spoolMaxEventAge().toMillis();
    this.handoffCapacity = Math.max(1024, config.queueCapacity());
    this.maxHandoffBytes = config.maxQueueBytes();
    this.thread = new Thread(this::run, "optimove-spool-" + id);
    this.thread.setDaemon(true);
    for (SegmentLog.Segment s : log.segments()) {
      Seg seg = new Seg(s);
      segs.put(s, seg);
      order.add(seg);
    }
    this.diskBytes = log.totalBytes();
  }

  /**
   * Opens the spool the settings ask for, taking its directory's lock.
   *
   * @param config the settings ({@link OptimoveConfig#spoolDirectory()} must be set)
   * @param pipeline where replayed events go
   * @param outcomes settles what the spool gives up
   * @param accounting counts what the directory held at start as accepted
   * @param id the client's number, for the thread's name
   * @return the spool, not started
   * @throws OptimoveConfigException if the directory is held by another client or cannot be used
   */
  public static Spool open(
      OptimoveConfig config, Pipeline pipeline, Outcomes outcomes, Accounting accounting, int id) {
    Path dir = config.spoolDirectory().orElseThrow();
    long segmentBytes = Math.max(64 * 1024, Math.min(8L << 20, config.spoolMaxBytes() / 16));
    try {
      return new Spool(
          SegmentLog.open(dir, segmentBytes), config, pipeline, outcomes, accounting, id);
    } catch (SpoolLockedException e) {
      throw new OptimoveConfigException(e.getMessage(), e);
    } catch (IOException e) {
      throw new OptimoveConfigException(
          "spoolDirectory " + dir.toAbsolutePath() + " cannot be used: " + e, e);
    }
  }

  /** Releases the directory of a spool that was never started (the client could not be built). */
  public void release() {
    closing = true;
    closeQuietly();
  }

  /** Starts the spool thread: it reads what the directory holds, then writes and replays. */
  public void start() {
    thread.start();
  }

  // ---- Callers ---------------------------------------------------------------------------------

  /**
   * Writes an event that is queued in memory to the log too (write-ahead). Never blocks.
   *
   * @param d the queued event
   */
  public void keep(Delivery d) {
    if (closing || !reserve()) {
      return; // not durable, but queued: delivered or settled as without a spool
    }
    kept.add(d);
    wake();
  }

  /**
   * Takes an event that did not fit in memory: it will be written and replayed from disk. Never
   * blocks. The events waiting to be written are bounded like the queue, by {@code maxQueueBytes}
   * of estimated heap, so that a burst the spool thread has not written yet still fits.
   *
   * @param d the event
   * @return {@code false} if the spool is full or closing (the caller drops it as queue_full)
   */
  public boolean spill(Delivery d) {
    if (closing) {
      return false;
    }
    long bytes = d.size();
    long waiting = handoffSpillBytes.addAndGet(bytes);
    // Bounded like the queue: at most maxQueueBytes of events wait for the spool thread (one always
    // fits), and no more than the spool has room for.
    if ((waiting > maxHandoffBytes && waiting != bytes) || diskBytes + waiting > maxBytes) {
      handoffSpillBytes.addAndGet(-bytes);
      return false;
    }
    spilledInHandoff.incrementAndGet();
    spilled.add(d);
    if (sealed && spilled.remove(d)) {
      // The spool thread made its last drain: this one would never be written.
      spilledInHandoff.decrementAndGet();
      handoffSpillBytes.addAndGet(-bytes);
      return false;
    }
    wake();
    return true;
  }

  private boolean reserve() {
    if (handoffCount.incrementAndGet() > handoffCapacity) {
      handoffCount.decrementAndGet();
      return false;
    }
    return true;
  }

  private void wake() {
    Thread t = waitingForWork;
    if (t != null) {
      waitingForWork = null;
      LockSupport.unpark(t);
    }
  }

  /**
   * @return accepted events held on disk only (waiting to be replayed, or left for the next start)
   */
  public long spooled() {
    return onDiskOnly + spilledInHandoff.get();
  }

  /**
   * @return whether the spool thread has read what the directory held at start and no accepted
   *     event is held on disk only (until then, {@link #spooled()} does not count what is there)
   */
  public boolean holdsNothing() {
    return recovered && spooled() == 0;
  }

  /**
   * @return bytes of the spool's segment files
   */
  public long bytes() {
    return diskBytes;
  }

  /**
   * For tests: records written and forced to disk so far.
   *
   * @return the count
   */
  public long syncedRecords() {
    return syncedRecords;
  }

  /**
   * Writes what is still in the handoff, makes sure every unsettled event of {@code rest} is on
   * disk, forces the log, deletes what is no longer needed, releases the lock and ends the thread.
   *
   * @param rest the events the pipeline handed back when it stopped
   * @param timeout the longest wait for the spool thread
   * @return the events of {@code rest} that could not be kept (to be dropped as shutdown)
   */
  public List<Delivery> close(List<Delivery> rest, Duration timeout) {
    closing = true;
    closeRequest = List.copyOf(rest);
    LockSupport.unpark(thread);
    try {
      if (!thread.isAlive() && finished.getCount() > 0) {
        return rest; // never started, or died
      }
      if (!finished.await(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS)) {
        LOG.warn(
            "The Optimove spool in {} did not finish writing within {}; the events it holds may"
                + " be delivered again after a restart",
            log.directory(),
            timeout);
        return rest;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return rest;
    }
    List<Delivery> result = notHeld;
    return result == null ? rest : result;
  }

  // ---- The spool thread ------------------------------------------------------------------------

  private void run() {
    try {
      recover();
    } catch (RuntimeException | IOException e) {
      LOG.warn("The Optimove spool could not read {}: {}", log.directory(), LogSafe.describe(e));
    }
    recovered = true;
    long nextSync = System.nanoTime() + syncNanos;
    while (true) {
      try {
        List<Delivery> rest = closeRequest;
        drain();
        if (rest != null) {
          finishClose(rest);
          return;
        }
        if (System.nanoTime() - nextSync >= 0) {
          sync();
          maintain();
          nextSync = System.nanoTime() + syncNanos;
        }
        boolean waitingForRoom = replay();
        long park = nextSync - System.nanoTime();
        if (waitingForRoom) {
          park = Math.min(park, REPLAY_POLL_NANOS);
        }
        waitingForWork = Thread.currentThread();
        if (kept.isEmpty() && spilled.isEmpty() && closeRequest == null && park > 0) {
          LockSupport.parkNanos(this, park);
        }
        waitingForWork = null;
      } catch (Throwable t) {
        LOG.warn("The Optimove spool thread hit {}; it goes on", LogSafe.describe(t));
        if (closeRequest != null) {
          notHeld = closeRequest;
          closeQuietly();
          finished.countDown();
          return;
        }
        LockSupport.parkNanos(REPLAY_POLL_NANOS);
      }
    }
  }

  /** Reads every segment left by an earlier run: good records wait for replay. */
  private void recover() throws IOException {
    long found = 0;
    long corrupt = 0;
    for (Seg seg : List.copyOf(order)) {
      if (seg.segment == log.head()) {
        continue;
      }
      long[] counts = new long[2];
      log.scan(
          seg.segment,
          new SegmentLog.Visitor() {
            @Override
            public void record(long position, byte[] payload) {
              seg.addReplay(position);
              counts[0]++;
            }

            @Override
            public void corrupt(long position, long length) {
              counts[1]++;
              LOG.warn(
                  "Optimove spool: {} bytes at {} of {} failed their checksum and are skipped"
                      + " ({})",
                  length,
                  position,
                  seg.segment.path,
                  Reasons.SPOOL_CORRUPT);
            }
          });
      found += counts[0];
      corrupt += counts[1];
    }
    for (long i = 0; i < found + corrupt; i++) {
      accounting.accepted(); // replayed events are counted by this process
    }
    onDiskOnly += found;
    for (long i = 0; i < corrupt; i++) {
      accounting.dropped(Reasons.SPOOL_CORRUPT);
    }
    if (found > 0) {
      LOG.info(
          "Optimove spool: {} undelivered event(s) found in {}, replaying them",
          found,
          log.directory());
    }
    maintain();
  }

  private void drain() {
    for (Delivery d; (d = spilled.poll()) != null; ) {
      try {
        write(d, true);
      } catch (RuntimeException e) {
        outcomes.dropped(d, Reasons.SPOOL_FAILED, "the spool could not write it: " + e);
      } finally {
        handoffSpillBytes.addAndGet(-d.size());
        spilledInHandoff.decrementAndGet();
      }
    }
    for (Delivery d; (d = kept.poll()) != null; ) {
      handoffCount.decrementAndGet();
      if (!d.isSettled()) {
        write(d, false);
      }
    }
  }

  /** Appends one event; {@code spilled}: it lives on disk only and waits for replay. */
  private boolean write(Delivery d, boolean spilledEvent) {
    byte[] record;
    try {
      Event event = d.event();
      byte[] body = writer.write(event);
      long accepted = WallClock.epochNanos(d.acceptedNanos()) / 1_000_000;
      record = SpoolRecord.encode(event, accepted, body);
    } catch (InvalidPayloadException e) {
      if (spilledEvent) {
        outcomes.rejected(d, e.reason(), e.getMessage());
      }
      return false;
    }
    if (log.totalBytes() + SegmentLog.recordBytes(record.length) > maxBytes) {
      if (spilledEvent) {
        outcomes.dropped(d, Reasons.QUEUE_FULL, "the queue and the spool are full");
      } else if (keptSkipped++ == 0) {
        LOG.warn(
            "The Optimove spool in {} is full ({} bytes): events queued in memory are no longer"
                + " written to it until it has room",
            log.directory(),
            maxBytes);
      }
      return false;
    }
    SegmentLog.Segment s;
    long pos;
    try {
      s = log.append(record);
      pos = s.size - SegmentLog.recordBytes(record.length);
    } catch (IOException e) {
      outcomes.problem(
          "spool-write",
          "The Optimove spool could not write to {}: {}",
          log.directory(),
          LogSafe.describe(e));
      if (spilledEvent) {
        outcomes.dropped(d, Reasons.SPOOL_FAILED, "the spool could not write it: " + e);
      }
      return false;
    }
    appendedRecords++;
    diskBytes = log.totalBytes();
    Seg seg = segs.get(s);
    if (seg == null) {
      seg = new Seg(s);
      segs.put(s, seg);
      order.add(seg);
    }
    if (spilledEvent) {
      seg.addReplay(pos);
      onDiskOnly++;
    } else {
      seg.tracked.add(d);
    }
    return true;
  }

  private void sync() {
    try {
      log.force();
      syncedRecords = appendedRecords;
    } catch (IOException e) {
      outcomes.problem(
          "spool-sync",
          "The Optimove spool could not force {} to disk: {}",
          log.directory(),
          LogSafe.describe(e));
    }
  }

  /** Deletes segments no longer needed: every event written settled, none waiting for replay. */
  private void maintain() throws IOException {
    for (Seg seg : List.copyOf(order)) {
      seg.tracked.removeIf(Delivery::isSettled);
      if (!seg.tracked.isEmpty() || seg.hasReplay() || seg == replaySeg) {
        continue;
      }
      if (seg.segment == log.head()) {
        if (seg.segment.size > 0) {
          log.recycleHead();
          forget(seg);
        }
      } else {
        log.delete(seg.segment);
        forget(seg);
      }
    }
    diskBytes = log.totalBytes();
  }

  private void forget(Seg seg) {
    segs.remove(seg.segment);
    order.remove(seg);
  }

  /**
   * Offers spooled events to the pipeline, oldest first, while it has room.
   *
   * @return whether an event waits for room
   */
  private boolean replay() throws IOException {
    while (true) {
      if (nextReplay == null && !loadNext()) {
        return false;
      }
      Pipeline.Offer offer = pipeline.offer(nextReplay);
      if (offer != Pipeline.Offer.QUEUED) {
        return offer == Pipeline.Offer.FULL;
      }
      replaySeg.tracked.add(nextReplay);
      consumed();
    }
  }

  /** The head of the replay order becomes {@link #nextReplay}, or settles if it cannot. */
  private boolean loadNext() throws IOException {
    while (true) {
      Seg seg = null;
      for (Seg s : order) {
        if (s.hasReplay()) {
          seg = s;
          break;
        }
      }
      if (seg == null) {
        return false;
      }
      replaySeg = seg;
      long pos = seg.toReplay[seg.replayHead];
      byte[] payload = log.read(seg.segment, pos);
      SpoolRecord.Decoded decoded = null;
      if (payload != null) {
        try {
          decoded = SpoolRecord.decode(payload);
        } catch (IOException | RuntimeException e) {
          decoded = null;
        }
      }
      if (decoded == null) {
        accounting.dropped(Reasons.SPOOL_CORRUPT);
        outcomes.problem(
            "spool-corrupt",
            "Optimove spool: the record at {} of {} cannot be read and is skipped ({})",
            pos,
            seg.segment.path,
            Reasons.SPOOL_CORRUPT);
        consumed();
        continue;
      }
      Delivery d = Delivery.of(decoded.event(), System.nanoTime());
      long age = System.currentTimeMillis() - decoded.acceptedEpochMillis();
      if (age > maxAgeMillis) {
        replaySeg.tracked.add(d);
        outcomes.dropped(d, Reasons.SPOOL_EXPIRED, "spooled for longer than spoolMaxEventAge");
        consumed();
        continue;
      }
      nextReplay = d;
      return true;
    }
  }

  private void consumed() {
    replaySeg.replayHead++;
    onDiskOnly--;
    nextReplay = null;
    replaySeg = null;
  }

  private void finishClose(List<Delivery> rest) throws IOException {
    sealed = true;
    drain(); // after sealing: a spill that raced the drain before is in, or refused by spill()
    Set<Delivery> onDisk = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Seg seg : order) {
      onDisk.addAll(seg.tracked);
    }
    List<Delivery> lost = new ArrayList<>();
    long held = 0;
    for (Delivery d : rest) {
      if (d.isSettled()) {
        continue;
      }
      if (onDisk.contains(d) || write(d, false)) {
        held++;
      } else {
        lost.add(d);
      }
    }
    nextReplay = null; // still on disk: replayed by the next start
    replaySeg = null;
    maintain();
    sync();
    onDiskOnly += held;
    diskBytes = log.totalBytes();
    if (held > 0) {
      LOG.info(
          "Optimove client closed with {} undelivered event(s) kept in the spool {}; the next"
              + " start delivers them",
          onDiskOnly,
          log.directory());
    }
    notHeld = lost;
    closeQuietly();
    finished.countDown();
  }

  private void closeQuietly() {
    try {
      log.close();
    } catch (IOException e) {
      LOG.warn("The Optimove spool could not close {}: {}", log.directory(), e.toString());
    } catch (UncheckedIOException e) {
      LOG.warn("The Optimove spool could not close {}: {}", log.directory(), e.toString());
    }
  }
}
