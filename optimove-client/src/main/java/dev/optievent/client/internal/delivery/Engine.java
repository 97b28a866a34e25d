package dev.optievent.client.internal.delivery;

import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.ClientCounters;
import dev.optievent.client.internal.DeliveryObserver;
import dev.optievent.client.internal.Durations;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.outcome.Accounting;
import dev.optievent.client.internal.outcome.ListenerDispatcher;
import dev.optievent.client.internal.outcome.Observation;
import dev.optievent.client.internal.outcome.Outcomes;
import dev.optievent.client.internal.queue.Delivery;
import dev.optievent.client.internal.queue.Pipeline;
import dev.optievent.client.internal.spool.Spool;
import dev.optievent.client.internal.validation.Validators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's delivery engine: it builds the parts (queue, spool, sender, outcomes, listener) from
 * the settings, starts them, and owns flush, close and the counters. {@code OptimoveClient} is a
 * facade over it and its {@link Admission}. Internal.
 */
public final class Engine {
  // The client's own logger name: users configure and filter the client's lines by it.
  private static final Logger LOG = LoggerFactory.getLogger("dev.optievent.client.OptimoveClient");

  /** How long close() lets the listener thread drain its backlog. */
  private static final Duration LISTENER_DRAIN = Duration.ofSeconds(1);

  /** How long close() waits for the spool to write the undelivered events and stop. */
  private static final Duration SPOOL_CLOSE = Duration.ofSeconds(10);

  private final OptimoveConfig config;
  private final Observation observation = new Observation();
  private final Accounting accounting = new Accounting(observation);
  private final ListenerDispatcher listener;
  private final Outcomes outcomes;
  private final Pipeline pipeline;
  private final Spool spool;
  private final Sender sender;
  private final Admission admission;
  private final Preparation preparation;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Queue<Runnable> closeActions = new ConcurrentLinkedQueue<>();

  /**
   * Builds the parts; nothing runs until {@link #start()}.
   *
   * @param config the settings
   * @param id the client's number, for its threads' names
   * @throws dev.optievent.client.OptimoveConfigException if the spool directory cannot be used
   */
  public Engine(OptimoveConfig config, int id) {
    this(config, id, false);
  }

  /**
   * An engine that discards: admission is closed from the start (every event dropped as {@code
   * disabled}, counted), and it has no spool, no sender, no HTTP client and no thread.
   *
   * @param config the settings (only the listener and the queue's size are used)
   * @param id the client's number
   * @return the engine; {@link #start()} does nothing
   */
  public static Engine discarding(OptimoveConfig config, int id) {
    return new Engine(config, id, true);
  }

  private Engine(OptimoveConfig config, int id, boolean discarding) {
    this.config = config;
    this.listener =
        new ListenerDispatcher(
            config.deliveryListener().orElse(null),
            Math.max(1024, config.queueCapacity()),
            "optimove-listener-" + id,
            accounting);
    this.outcomes = new Outcomes(accounting, listener, observation);
    this.pipeline =
        Pipeline.forConfig(config, late -> outcomes.dropped(late, Reasons.SHUTDOWN, null));
    var validator = Validators.forConfig(config);
    // Before the sender: a spool directory held by another client fails here, with nothing
    // started yet.
    this.spool =
        config.spoolDirectory().isPresent() && !discarding
            ? Spool.open(config, pipeline, outcomes, accounting, validator, id)
            : null;
    try {
      this.sender =
          discarding ? null : new Sender(config, pipeline, outcomes, accounting, observation, id);
    } catch (RuntimeException | Error e) {
      if (spool != null) {
        spool.release(); // or the directory stays locked for the rest of this JVM's life
      }
      throw e;
    }
    this.preparation =
        new Preparation(config.tenant(), new Checks(validator, outcomes, accounting));
    this.admission =
        new Admission(
            validator,
            config.overflowPolicy(),
            Durations.toNanosSaturated(config.blockTimeout()),
            pipeline,
            spool,
            outcomes,
            accounting,
            discarding);
  }

  /** Starts the sender and, with a spool, the spool's thread. */
  public void start() {
    if (sender == null) {
      return; // discarding: nothing to run
    }
    sender.start();
    if (spool != null) {
      spool.start();
    }
  }

  /**
   * @return where events for a store outside the client are checked and written
   */
  public Preparation preparation() {
    return preparation;
  }

  /**
   * @return where the callers' events come in
   */
  public Admission admission() {
    return admission;
  }

  /**
   * @return a consistent snapshot of the counters, with the spool's share of the pending events
   */
  public ClientStats stats() {
    ClientStats s = accounting.snapshot();
    if (spool == null) {
      return s;
    }
    return new ClientStats(
        s.accepted(),
        s.delivered(),
        s.rejected(),
        s.dropped(),
        s.pending(),
        s.retries(),
        s.droppedByReason(),
        s.rejectedByReason(),
        Math.min(spool.spooled(), s.pending()),
        spool.bytes(),
        s.rolledBack(),
        s.returned());
  }

  /**
   * @return listener notifications skipped because the listener's queue was full
   */
  public long skippedNotifications() {
    return accounting.skippedNotifications();
  }

  /**
   * @return the counters and the queue, read live, for metrics and health
   */
  public ClientCounters counters() {
    return new EngineCounters(accounting, pipeline, config.queueCapacity());
  }

  /** Adds an observer of every exchange and outcome. */
  public void observe(DeliveryObserver observer) {
    observation.add(observer);
  }

  /** Runs {@code action} once this engine has closed (at once if it has). */
  public void whenClosed(Runnable action) {
    closeActions.add(action);
    if (closed.getCount() == 0 && closeActions.remove(action)) {
      runCloseAction(action); // closed meanwhile: the close() loop may have missed it
    }
  }

  /**
   * Waits until every event accepted before this call is settled, or the timeout passes; with a
   * spool, every event held on disk too.
   *
   * @return whether everything was settled
   */
  public boolean flush(Duration timeout) {
    return flushAll(System.nanoTime() + Durations.toNanosSaturated(timeout), true);
  }

  /**
   * Waits until what the spool holds has been replayed and every event in the queue then is
   * settled, or the deadline passes. With a spool, events held on disk only are replayed into the
   * queue first (right after the start too: until the spool thread has read the directory, what it
   * holds is not counted yet).
   *
   * @param untilClosed whether closing ends the wait for the spool (a flush's does; close's own
   *     does not: it delivers what the spool holds as it delivers the queue)
   */
  private boolean flushAll(long deadline, boolean untilClosed) {
    if (spool != null
        && (!waitUntil(
                () -> spool.holdsNothing() || (untilClosed && admission.isClosed()), deadline)
            || !spool.holdsNothing())) {
      return false;
    }
    return flushQueue(deadline);
  }

  /** Waits until every event in the queue now is settled, or the deadline passes. */
  private boolean flushQueue(long deadline) {
    List<Delivery> remaining = new ArrayList<>(pipeline.snapshot());
    return waitUntil(
        () -> {
          remaining.removeIf(Delivery::isCounted);
          return remaining.isEmpty();
        },
        deadline);
  }

  /**
   * Polls {@code done}, with pauses growing from 200 µs to 10 ms, until it holds or the deadline
   * passes or this thread is interrupted.
   */
  private static boolean waitUntil(BooleanSupplier done, long deadline) {
    long pause = TimeUnit.MICROSECONDS.toNanos(200);
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(Math.min(left, pause));
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(10));
    }
    return true;
  }

  /**
   * Closes admission, delivers what it can within the shutdown timeout, keeps the rest on disk
   * (with a spool) or drops it as {@code shutdown}, and stops the threads. A second call waits for
   * the first to finish.
   *
   * @param first run by the call that closes, before anything else (the client removes its shutdown
   *     hook)
   */
  public void close(Runnable first) {
    if (sender == null) {
      closeDiscarding(first);
      return;
    }
    if (!admission.close()) {
      awaitClosed();
      return;
    }
    // An interrupted caller (say, a container stopping a thread) still gets the delivery that
    // close() promises: the flag is set aside while waiting and restored afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      first.run();
      pipeline.closeIntake();
      // The queue and the spool: intake is closed to callers, but the spool goes on replaying
      // what it holds; what is still on disk when the time is up stays there for the next start.
      boolean flushed =
          flushAll(System.nanoTime() + Durations.toNanosSaturated(config.shutdownTimeout()), false);
      List<Delivery> lost = keepOrLose(pipeline.stop());
      for (Delivery d : lost) {
        outcomes.dropped(d, Reasons.SHUTDOWN, null);
      }
      // An event a store outside the client keeps (the outbox) goes back to it, not lost.
      long givenBack = lost.stream().filter(d -> d.store() != null).count();
      long dropped = lost.size() - givenBack;
      if (givenBack > 0) {
        LOG.info(
            "Optimove client closed with {} event(s) of an outbox undelivered; they went back to"
                + " it (returned), which sends them later",
            givenBack);
      }
      if (!flushed && (dropped > 0 || (spool == null && givenBack == 0))) {
        LOG.warn(
            "Optimove client closed with {} event(s) undelivered after waiting {}; they are"
                + " counted as dropped (shutdown)",
            dropped,
            config.shutdownTimeout());
      }
      sender.shutdown(Duration.ofSeconds(1));
      listener.shutdown(LISTENER_DRAIN);
      LOG.debug("Optimove client closed: {}", stats());
    } finally {
      markClosed();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A discarding engine holds no event: closing it only lets its listener finish. */
  private void closeDiscarding(Runnable first) {
    synchronized (closed) {
      if (closed.getCount() == 0) {
        return;
      }
      try {
        first.run();
        listener.shutdown(LISTENER_DRAIN);
      } finally {
        markClosed();
      }
    }
  }

  /** Counts the engine closed, then runs the actions waiting for that. */
  private void markClosed() {
    closed.countDown();
    for (Runnable action; (action = closeActions.poll()) != null; ) {
      runCloseAction(action);
    }
  }

  /**
   * @return whether this engine discards every event ({@link #discarding})
   */
  public boolean isDiscarding() {
    return sender == null;
  }

  /**
   * @return whether {@link #close(Runnable)} has been called (for a discarding engine: has ended)
   */
  public boolean isClosed() {
    return sender == null ? closed.getCount() == 0 : admission.isClosed();
  }

  /**
   * With a spool, every undelivered event stays on disk for the next start instead of being
   * dropped.
   *
   * @return the undelivered events that are lost (all of them without a spool)
   */
  private List<Delivery> keepOrLose(List<Delivery> all) {
    if (spool == null) {
      return all;
    }
    // An event a store outside the client keeps is never spooled: it goes back to its store.
    List<Delivery> rest = new ArrayList<>(all.size());
    List<Delivery> stored = new ArrayList<>();
    for (Delivery d : all) {
      (d.store() == null ? rest : stored).add(d);
    }
    List<Delivery> lost = new ArrayList<>(spool.close(rest, SPOOL_CLOSE));
    lost.addAll(stored);
    Set<Delivery> notKept = Collections.newSetFromMap(new IdentityHashMap<>());
    notKept.addAll(lost);
    for (Delivery d : rest) {
      if (!notKept.contains(d)) {
        // Claimed and never counted: it stays pending here (the next start counts it), and no
        // late outcome of a request being cut can count it as dropped.
        d.markSettled();
      }
    }
    return lost;
  }

  private void awaitClosed() {
    try {
      closed.await(
          Durations.toNanosSaturated(config.shutdownTimeout()) + TimeUnit.SECONDS.toNanos(5),
          TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void runCloseAction(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("An action run when the Optimove client closed threw {}", LogSafe.describe(e));
    }
  }

  /** For tests: records the spool has written and forced to disk, -1 without a spool. */
  public long spoolSyncedRecords() {
    return spool == null ? -1 : spool.syncedRecords();
  }

  /** For tests: how long every send is still paused (after a 429), in nanoseconds. */
  public long pauseRemainingNanos() {
    return pipeline.pauseRemainingNanos();
  }

  /** For tests: events held waiting to be sent (new, due and waiting for a retry). */
  public int held() {
    return pipeline.held();
  }

  /** For tests: events in flight. */
  public int inFlight() {
    return pipeline.inFlight();
  }

  /** For tests: the request threads that have not ended (virtual ones included). */
  public List<Thread> requestThreads() {
    return sender == null ? List.of() : sender.requestThreads();
  }
}
