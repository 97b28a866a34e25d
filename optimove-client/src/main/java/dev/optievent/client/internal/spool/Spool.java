package dev.optievent.client.internal.spool;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.OptimoveConfigException;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.Durations;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.outcome.Accounting;
import dev.optievent.client.internal.outcome.Outcomes;
import dev.optievent.client.internal.queue.Delivery;
import dev.optievent.client.internal.queue.Pipeline;
import dev.optievent.client.internal.validation.EventValidator;
import dev.optievent.client.internal.validation.ValidationResult;
import dev.optievent.client.internal.wire.InvalidPayloadException;
import dev.optievent.client.internal.wire.PayloadWriter;
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
 *       replayed the same way, through the same checks as a new event; damaged stretches are
 *       counted as {@code spool_corrupt}, records older than {@code spoolMaxEventAge} as {@code
 *       spool_expired}, records of another tenant as {@code spool_other_tenant}. Replay pauses
 *       while the endpoint fails as a whole: the events wait on disk, not in memory.
 *   <li>A segment file is deleted once every event written to it has settled and none of it waits
 *       to be replayed; a segment that cannot be deleted is logged once and left, and the others go
 *       on. At {@link #close}, the events still undelivered are written to a fresh segment, forced,
 *       and only then are the segments that also held settled events deleted, so that the next
 *       start replays what was undelivered and nothing that was delivered.
 *   <li>No failure stops the thread for good; should it end all the same, {@link #spill} refuses
 *       (the caller's overflow policy applies) and what it held in memory is settled.
 * </ul>
 *
 * <p>Callers ({@link #keep}, {@link #spill}) never touch the disk or take a lock: they add to a
 * bounded lock-free handoff and wake the spool thread only if it is parked. Internal.
 */
public final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private static final long REPLAY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** How often replay looks again while the endpoint fails. */
  private static final long FAILING_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** How long {@link #close} waits more for a spool thread it interrupted. */
  private static final long INTERRUPTED_CLOSE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The spool's bookkeeping for one segment. */
  private static final class Seg {
    final SegmentLog.Segment segment;
    final List<Delivery> tracked = new ArrayList<>();
    long[] toReplay = new long[16];
    int replayHead;
    int replayTail;

    /** Records written to it or found in it; with {@code damaged}, whether it holds only those. */
    long records;

    /** Whether a scan found damage in it, or could not read it to its end. */
    boolean damaged;

    /** Whether it must stay as it is: it could not be read to its end, or not be deleted. */
    boolean keep;

    Seg(SegmentLog.Segment segment) {
      this.segment = segment;
    }

    boolean hasReplay() {
      return replayHead < replayTail;
    }

    /** Records of it that are still undelivered (after {@code tracked} lost its settled ones). */
    long survivors() {
      return tracked.size() + (long) (replayTail - replayHead);
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
  private final EventValidator validator;
  private final long tenant;
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

  /** Set when the spool thread ended without finishing a close: spills are refused. */
  private volatile boolean dead;

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
      EventValidator validator,
      int id) {
    this.log = log;
    this.pipeline = pipeline;
    this.outcomes = outcomes;
    this.accounting = accounting;
    this.validator = validator;
    this.tenant = config.tenant();
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
   * @param validator checks every replayed event as a new one is checked
   * @param id the client's number, for the thread's name
   * @return the spool, not started
   * @throws OptimoveConfigException if the directory is held by another client or cannot be used
   */
  public static Spool open(
      OptimoveConfig config,
      Pipeline pipeline,
      Outcomes outcomes,
      Accounting accounting,
      EventValidator validator,
      int id) {
    Path dir = config.spoolDirectory().orElseThrow();
    long segmentBytes = Math.max(64 * 1024, Math.min(8L << 20, config.spoolMaxBytes() / 16));
    try {
      return new Spool(
          SegmentLog.open(dir, segmentBytes),
          config,
          pipeline,
          outcomes,
          accounting,
          validator,
          id);
    } catch (SpoolLockedException | SpoolRefusedException e) {
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
    if (closing || dead) {
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
    if ((sealed || dead) && spilled.remove(d)) {
      // The spool thread made its last drain (or ended): this one would never be written.
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
        closeQuietly(); // never started
        return rest;
      }
      if (!finished.await(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS)) {
        // Stuck (a disk that does not answer): an interrupt closes the channel it waits on, and
        // the thread then releases the directory as it ends.
        thread.interrupt();
        boolean ended = finished.await(INTERRUPTED_CLOSE_NANOS, TimeUnit.NANOSECONDS);
        LOG.warn(
            "The Optimove spool in {} did not finish writing within {}{}; the events it holds may"
                + " be delivered again after a restart",
            log.directory(),
            timeout,
            ended ? "" : ", nor once interrupted: its directory stays locked until it ends");
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
      try {
        recover();
      } catch (Throwable t) { // an Error too (no memory to read a segment): the thread goes on
        LOG.warn("The Optimove spool could not read {}: {}", log.directory(), LogSafe.describe(t));
      }
      recovered = true;
      serve();
    } finally {
      if (finished.getCount() > 0) {
        die();
      }
    }
  }

  /** Writes, syncs, deletes and replays until a close is asked for and done. */
  private void serve() {
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
          // Moved on first: a sync or a deletion that fails must not make every turn retry it.
          nextSync = System.nanoTime() + syncNanos;
          sync();
          maintain();
        }
        long poll = replay();
        long park = nextSync - System.nanoTime();
        if (poll > 0) {
          park = Math.min(park, poll);
        }
        waitingForWork = Thread.currentThread();
        if (kept.isEmpty() && spilled.isEmpty() && closeRequest == null && park > 0) {
          LockSupport.parkNanos(this, park);
        }
        waitingForWork = null;
      } catch (Throwable t) {
        outcomes.problem(
            "spool-thread:" + t.getClass().getName(),
            "The Optimove spool thread hit {}; it goes on",
            LogSafe.describe(t));
        if (closeRequest != null) {
          notHeld = closeRequest;
          closeQuietly();
          finished.countDown();
          return;
        }
        Thread.interrupted(); // a stray interrupt must not make every later park return at once
        LockSupport.parkNanos(REPLAY_POLL_NANOS);
      }
    }
  }

  /**
   * The thread ends without having finished a close (it was killed by something no catch could
   * hold): spills are refused from now on, the events it was handed to write and never wrote are
   * settled, and the directory is released.
   */
  private void die() {
    dead = true;
    recovered = true;
    try {
      for (Delivery d; (d = spilled.poll()) != null; ) {
        handoffSpillBytes.addAndGet(-d.size());
        spilledInHandoff.decrementAndGet();
        outcomes.dropped(d, Reasons.SPOOL_FAILED, "the spool thread ended before writing it");
      }
      kept.clear(); // queued in memory as well: delivered or settled as without a spool
      List<Delivery> rest = closeRequest;
      notHeld = rest;
      closeQuietly();
    } finally {
      finished.countDown();
    }
  }

  /**
   * Reads every segment left by an earlier run: good records wait for replay. Each segment is
   * counted as soon as it is read, so that whatever stops the reading part-way, what was found is
   * both counted and replayed; a segment that could not be read to its end stays on disk.
   */
  private void recover() throws IOException {
    long found = 0;
    List<Seg> old = new ArrayList<>();
    for (Seg seg : order) {
      if (seg.segment != log.head()) {
        seg.keep = true; // until it has been read to its end: one never read is never deleted
        old.add(seg);
      }
    }
    try {
      for (Seg seg : old) {
        found += recover(seg);
      }
    } finally {
      if (found > 0) {
        LOG.info(
            "Optimove spool: {} undelivered event(s) found in {}, replaying them",
            found,
            log.directory());
      }
    }
    maintain();
  }

  /** Reads one segment left by an earlier run; returns the records found. */
  private long recover(Seg seg) {
    long[] counts = new long[2];
    try {
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
      seg.keep = false;
    } catch (Throwable e) { // an Error too (no memory for it): this file stays, the others go on
      LOG.warn(
          "Optimove spool: {} could not be read past its first {} record(s) ({}); what was read is"
              + " replayed and the file is left as it is (move it out of the directory to stop"
              + " this warning)",
          seg.segment.path,
          counts[0],
          LogSafe.describe(e));
    } finally {
      // Counted whatever happened: every position added to the replay is accepted and pending.
      for (long i = 0; i < counts[0] + counts[1]; i++) {
        accounting.accepted(); // replayed events are counted by this process
      }
      onDiskOnly += counts[0];
      for (long i = 0; i < counts[1]; i++) {
        accounting.dropped(Reasons.SPOOL_CORRUPT);
      }
      seg.records += counts[0];
      seg.damaged |= counts[1] > 0 || seg.keep;
    }
    return counts[0];
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
    return write(d, spilledEvent, 0);
  }

  /**
   * {@link #write(Delivery, boolean)}, refused if the spool would grow past {@code spoolMaxBytes}
   * once {@code reclaimBytes} are deleted (at close: the segments it compacts).
   */
  private boolean write(Delivery d, boolean spilledEvent, long reclaimBytes) {
    byte[] record;
    try {
      Event event = d.event();
      byte[] body = writer.write(event);
      long accepted = WallClock.epochNanos(d.acceptedNanos()) / 1_000_000;
      record = SpoolRecord.encode(event, tenant, accepted, body);
    } catch (InvalidPayloadException e) {
      if (spilledEvent) {
        outcomes.rejected(d, e.reason(), e.getMessage());
      }
      return false;
    }
    if (log.totalBytes() - reclaimBytes + SegmentLog.recordBytes(record.length) > maxBytes) {
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
    seg.records++;
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

  /**
   * Deletes segments no longer needed: every event written settled, none waiting for replay. One
   * that cannot be deleted is logged (once) and left; the others are deleted all the same.
   */
  private void maintain() {
    for (Seg seg : List.copyOf(order)) {
      seg.tracked.removeIf(Delivery::isSettled);
      if (!seg.tracked.isEmpty() || seg.hasReplay() || seg == replaySeg || seg.keep) {
        continue;
      }
      try {
        if (seg.segment == log.head()) {
          if (seg.segment.size > 0) {
            log.recycleHead();
            forget(seg);
          }
        } else {
          log.delete(seg.segment);
          forget(seg);
        }
      } catch (IOException | RuntimeException e) {
        seg.keep = true; // not tried again in this run
        deleteFailed(seg, e);
      }
    }
    diskBytes = log.totalBytes();
  }

  private void forget(Seg seg) {
    segs.remove(seg.segment);
    order.remove(seg);
  }

  /**
   * Offers spooled events to the pipeline, oldest first, while it has room and the endpoint does
   * not fail as a whole (then the events wait on disk rather than in memory).
   *
   * @return how soon to look again (an event waits), 0 if nothing waits to be replayed
   */
  private long replay() throws IOException {
    while (true) {
      if (nextReplay == null && !loadNext()) {
        return 0;
      }
      if (pipeline.endpointFailing()) {
        return FAILING_POLL_NANOS;
      }
      Pipeline.Offer offer = pipeline.offerFromSpool(nextReplay);
      if (offer != Pipeline.Offer.QUEUED) {
        return offer == Pipeline.Offer.FULL ? REPLAY_POLL_NANOS : 0;
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
      Delivery d = replayable(decoded);
      if (d == null) {
        consumed(); // settled: too old, another tenant's, or refused by a rule
        continue;
      }
      nextReplay = d;
      return true;
    }
  }

  /**
   * A record read back as a delivery, accepted when it was first accepted (so that its age runs on
   * across restarts), or {@code null} once it is settled: too old, another tenant's, or refused by
   * the checks every new event passes.
   */
  private Delivery replayable(SpoolRecord.Decoded decoded) {
    long age = Math.max(0, System.currentTimeMillis() - decoded.acceptedEpochMillis());
    Event event = decoded.event();
    long acceptedNanos =
        System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(Math.min(age, maxAgeMillis));
    if (age > maxAgeMillis) {
      outcomes.dropped(
          Delivery.of(event, acceptedNanos),
          Reasons.SPOOL_EXPIRED,
          "spooled for longer than spoolMaxEventAge");
      return null;
    }
    if (decoded.tenant() != SpoolRecord.NO_TENANT && decoded.tenant() != tenant) {
      outcomes.dropped(
          Delivery.of(event, acceptedNanos),
          Reasons.SPOOL_OTHER_TENANT,
          "written by a client of another tenant; not sent to this one");
      return null;
    }
    ValidationResult result;
    try {
      result = validator.check(event);
    } catch (RuntimeException e) {
      outcomes.dropped(
          Delivery.of(event, acceptedNanos),
          Reasons.VALIDATION_FAILED,
          "validation threw " + LogSafe.describe(e));
      return null;
    }
    if (result != null) {
      Event checked = result.event() != null ? result.event() : event;
      switch (result.outcome()) {
        case REJECT -> {
          outcomes.rejected(
              Delivery.of(checked, acceptedNanos),
              reasonOrUnknown(result.reason()),
              result.message());
          return null;
        }
        case DROP -> {
          outcomes.dropped(
              Delivery.of(checked, acceptedNanos),
              reasonOrUnknown(result.reason()),
              result.message());
          return null;
        }
        default -> event = checked;
      }
    }
    return Delivery.of(event, acceptedNanos);
  }

  private static String reasonOrUnknown(String reason) {
    return reason == null || reason.isBlank() ? Reasons.UNKNOWN : reason;
  }

  private void consumed() {
    replaySeg.replayHead++;
    onDiskOnly--;
    nextReplay = null;
    replaySeg = null;
  }

  /**
   * The close, on the spool thread: what is still undelivered stays on disk, and nothing that was
   * delivered does. A segment all of whose records are still undelivered stays as it is; from the
   * others, the undelivered records are copied (or, for queued events, written from memory) to a
   * fresh segment, which is forced to disk before they are deleted. Should the copy or the force
   * fail, they stay too: delivered events may then be sent again, none is lost.
   */
  private void finishClose(List<Delivery> rest) throws IOException {
    sealed = true;
    drain(); // after sealing: a spill that raced the drain before is in, or refused by spill()
    nextReplay = null; // still on disk: replayed by the next start
    replaySeg = null;
    List<Seg> stay = new ArrayList<>();
    List<Seg> compact = new ArrayList<>();
    for (Seg seg : order) {
      seg.tracked.removeIf(Delivery::isSettled);
      if (seg.keep || (!seg.damaged && seg.survivors() == seg.records)) {
        stay.add(seg);
      } else {
        compact.add(seg);
      }
    }
    if (!compact.isEmpty() && !copyUnreplayed(compact)) {
      stay.addAll(compact);
      compact.clear();
    }
    Set<Delivery> onDisk = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Seg seg : stay) {
      onDisk.addAll(seg.tracked);
    }
    long reclaim = 0; // what the compacted segments free once deleted
    for (Seg seg : compact) {
      reclaim += seg.segment.size;
    }
    List<Delivery> lost = new ArrayList<>();
    long held = 0;
    for (Delivery d : rest) {
      if (d.isSettled()) {
        continue;
      }
      if (onDisk.contains(d) || write(d, false, reclaim)) {
        held++;
      } else {
        lost.add(d);
      }
    }
    // Not forced: the compacted segments stay, still holding what their copies hold.
    if (forced()) {
      for (Seg seg : compact) {
        deleteAtClose(seg);
      }
    }
    onDiskOnly += held;
    diskBytes = log.totalBytes();
    if (onDiskOnly > 0) {
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

  /**
   * Copies the records of {@code compact} not yet replayed to the head, which is rolled first if it
   * is one of them.
   *
   * @return whether every record was copied
   */
  private boolean copyUnreplayed(List<Seg> compact) {
    try {
      for (Seg seg : compact) {
        if (seg.segment == log.head()) {
          log.roll();
          break;
        }
      }
      for (Seg seg : compact) {
        for (int i = seg.replayHead; i < seg.replayTail; i++) {
          byte[] payload = log.read(seg.segment, seg.toReplay[i]);
          if (payload == null) {
            // Checked out when it was found, no longer: counted as the replay would count it.
            accounting.dropped(Reasons.SPOOL_CORRUPT);
            onDiskOnly--;
            continue;
          }
          log.append(payload);
        }
        seg.replayHead = seg.replayTail;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      outcomes.problem(
          "spool-compact",
          "The Optimove spool could not copy its undelivered events to a fresh segment in {} ({});"
              + " its segments stay as they are, and the next start may send delivered events"
              + " again",
          log.directory(),
          LogSafe.describe(e));
      return false;
    }
  }

  /** Forces the log at close; whether it reached the disk. */
  private boolean forced() {
    try {
      log.force();
      syncedRecords = appendedRecords;
      return true;
    } catch (IOException e) {
      outcomes.problem(
          "spool-sync",
          "The Optimove spool could not force {} to disk: {}",
          log.directory(),
          LogSafe.describe(e));
      return false;
    }
  }

  private void deleteAtClose(Seg seg) {
    if (seg.segment == log.head()) {
      return; // nothing was rolled: the head holds the copies
    }
    try {
      log.delete(seg.segment);
      forget(seg);
    } catch (IOException | RuntimeException e) {
      deleteFailed(seg, e);
    }
  }

  /** Logs (once per client) that a segment of settled events could not be deleted. */
  private void deleteFailed(Seg seg, Exception e) {
    outcomes.problem(
        "spool-delete",
        "The Optimove spool could not delete {} ({}); its events are settled, but the next"
            + " start will send them again unless the file is removed: check who owns the"
            + " directory and its files",
        seg.segment.path,
        LogSafe.describe(e));
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
