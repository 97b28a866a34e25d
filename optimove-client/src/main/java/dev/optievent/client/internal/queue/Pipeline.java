package dev.optievent.client.internal.queue;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.internal.Durations;
import dev.optievent.client.internal.retry.Backoff;
import dev.optievent.client.internal.retry.ConcurrencyLimit;
import dev.optievent.client.internal.retry.EndpointCircuit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Where every accepted, unsettled event is: handed over by a caller and waiting for its first
 * attempt ({@code intake}), due for a retry ({@code due}), in flight, or waiting for a scheduled
 * retry ({@code waiting}).
 *
 * <p><b>Callers never take a lock.</b> A caller reserves room for its event from its {@link Lane}'s
 * credit, leased in batches from {@link Room} (the count and the bytes together), and adds it to
 * its lane of the {@link Intake} (one atomic exchange); it wakes the sender only if the sender is
 * parked waiting for work. Callers on different lanes write no cache line in common. Everything
 * else (taking, retries, snapshots, eviction, stopping) happens under one lock that callers meet
 * only on the slow paths: {@code DROP_OLDEST} with a full queue, {@code BLOCK} waiting for room.
 *
 * <p>Capacity: the events "held waiting to be sent" (intake, due and waiting) never grow past the
 * capacity through intake; an in-flight event that must be retried always gets back in, so that at
 * most {@code capacity + maxInFlight} events are pending at once. In flight: at most the {@link
 * ConcurrencyLimit}'s current limit (never more than {@code maxInFlight}). The sender takes retries
 * that are due before new events, then new events from the intake's lanes in turn, each lane's in
 * the order they were added. A pause (after a 429) holds back every take until it passes.
 *
 * <p><b>While the endpoint fails</b> ({@link EndpointCircuit}): nothing is taken while the circuit
 * is open, then a few probes at a time; events whose attempt failed meanwhile go straight back to
 * {@code due} ({@link #retryNow}), without a backoff of their own, and once the endpoint answers
 * again every event waiting for a scheduled retry is due at once. Held back, an event older than
 * the age limit is still taken, so that the sender settles it as expired. Internal.
 */
public final class Pipeline {

  /** What happened to an offered event. */
  public enum Offer {
    /** Queued. */
    QUEUED,
    /** No room (or no room in time, for a blocking offer). */
    FULL,
    /** Intake is closed. */
    CLOSED
  }

  /**
   * The result of {@link #offerEvictingOldest(Delivery)}.
   *
   * @param offer whether the new event was queued
   * @param evicted the events dropped to make room (oldest first), or the new event itself if not
   *     enough could be evicted; empty if none was dropped
   */
  public record Eviction(Offer offer, List<Delivery> evicted) {}

  private static final Eviction QUEUED_NO_EVICTION = new Eviction(Offer.QUEUED, List.of());
  private static final Eviction CLOSED = new Eviction(Offer.CLOSED, List.of());

  // The callers' side: no lock.
  private final Room room;
  private final Intake intake;
  private volatile boolean intakeClosed;
  private volatile boolean stopped;

  /** The sender thread while it is parked waiting for work (not for a slot or a pause). */
  private volatile Thread senderWantingWork;

  /** Callers waiting in {@link #offer(Delivery, long)} for room; releases signal only if some. */
  private final AtomicInteger blockedCallers = new AtomicInteger();

  private final ReentrantLock roomLock = new ReentrantLock();
  private final Condition roomFreed = roomLock.newCondition();

  /** Given the events that a caller added after {@link #stop()}: they are settled there. */
  private final Consumer<Delivery> lateEvents;

  // The consumers' side, under the lock.
  private final ConcurrencyLimit limit;
  private final EndpointCircuit circuit;
  private final long maxAgeNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Delivery> due = new ArrayDeque<>();
  // In flight: a concurrent set, so that a request thread that ends frees its slot without the
  // lock (with hundreds in flight, a lock there queues the request threads behind each other).
  private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();

  /** {@code inFlight.size()}: whoever removes an event from the set counts it down. */
  private final AtomicInteger inFlightCount = new AtomicInteger();

  private final Set<Delivery> waiting = new HashSet<>();
  private long waitingBytes;
  private long pausedUntil;
  private boolean paused;

  /** The sender thread while it is parked waiting for an in-flight slot. */
  private volatile Thread senderWantingSlot;

  /** Whether events waited to be sent when the sender last took one: a hint, without the lock. */
  private volatile boolean backlog;

  /**
   * The sender thread, once it has called {@link #take()}: woken by {@link #toRetry}, {@link
   * #retryDue} and {@link #stop()} ({@link #done} wakes it only through {@code senderWantingSlot}).
   */
  private volatile Thread sender;

  /**
   * A pipeline with a fixed in-flight limit, whose late events are settled by nobody (tests).
   *
   * @param capacity most events held waiting to be sent
   * @param maxBytes most estimated bytes of events held waiting to be sent ({@link
   *     Delivery#size()}); one event is always let into an empty queue, however big
   * @param maxInFlight most events in flight
   */
  public Pipeline(int capacity, long maxBytes, int maxInFlight) {
    this(capacity, maxBytes, ConcurrencyLimit.fixed(maxInFlight), d -> {});
  }

  /** For tests: a circuit with the default settings, and no age limit. */
  Pipeline(int capacity, long maxBytes, ConcurrencyLimit limit, Consumer<Delivery> lateEvents) {
    this(
        capacity,
        maxBytes,
        limit,
        new EndpointCircuit(
            DEFAULT_QUIET_NANOS,
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)),
            System.nanoTime()),
        Long.MAX_VALUE,
        lateEvents);
  }

  /** The test constructor's quiet time before failures open the circuit. */
  private static final long DEFAULT_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** How often a take held back by the circuit looks for events past their age limit. */
  private static final long EXPIRY_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * @param capacity most events held waiting to be sent
   * @param maxBytes most estimated bytes of events held waiting to be sent ({@link
   *     Delivery#size()}); one event is always let into an empty queue, however big
   * @param limit how many may be in flight
   * @param circuit whether the endpoint fails as a whole
   * @param maxAgeNanos how old an event may grow undelivered ({@link #maxAgeNanos(OptimoveConfig)})
   * @param lateEvents settles an event a caller added after {@link #stop()} (as shutdown)
   */
  Pipeline(
      int capacity,
      long maxBytes,
      ConcurrencyLimit limit,
      EndpointCircuit circuit,
      long maxAgeNanos,
      Consumer<Delivery> lateEvents) {
    this.room = new Room(capacity, maxBytes);
    this.intake =
        new Intake(
            room, capacity, maxBytes, Intake.lanesFor(Runtime.getRuntime().availableProcessors()));
    this.limit = limit;
    this.circuit = circuit;
    this.maxAgeNanos = maxAgeNanos;
    this.lateEvents = lateEvents;
  }

  /**
   * A pipeline as the settings ask for: their bounds, and an adaptive or fixed in-flight limit.
   *
   * @param config the settings
   * @param lateEvents settles an event a caller added after {@link #stop()} (as shutdown)
   * @return the pipeline
   */
  public static Pipeline forConfig(OptimoveConfig config, Consumer<Delivery> lateEvents) {
    return new Pipeline(
        config.queueCapacity(),
        config.maxQueueBytes(),
        new ConcurrencyLimit(config.maxInFlight(), config.adaptiveInFlight()),
        new EndpointCircuit(
            Durations.toNanosSaturated(config.retryBaseDelay()),
            new Backoff(config.retryBaseDelay(), config.retryMaxDelay()),
            System.nanoTime()),
        maxAgeNanos(config),
        lateEvents);
  }

  /**
   * How old an event may grow undelivered, retried all the while when the endpoint fails: {@code
   * maxEventAge}, or with a spool {@code spoolMaxEventAge} (the events wait on disk).
   *
   * @param config the settings
   * @return the age limit in nanoseconds
   */
  public static long maxAgeNanos(OptimoveConfig config) {
    return Durations.toNanosSaturated(
        config.spoolDirectory().isPresent() ? config.spoolMaxEventAge() : config.maxEventAge());
  }

  /**
   * @return how old an event may grow undelivered ({@link #maxAgeNanos(OptimoveConfig)})
   */
  public long maxAgeNanos() {
    return maxAgeNanos;
  }

  /**
   * @return the in-flight limit this pipeline obeys
   */
  public ConcurrencyLimit limit() {
    return limit;
  }

  /** A caller's last step: the event is in; wake the sender if it waits for work. */
  private Offer added(Lane lane, Delivery d) {
    lane.add(d);
    Thread waiter = senderWantingWork;
    if (waiter != null) {
      senderWantingWork = null;
      LockSupport.unpark(waiter);
    }
    if (stopped) {
      settleLateEvents(); // stop() may have run before this event was in: it is not left behind
    }
    return Offer.QUEUED;
  }

  private void settleLateEvents() {
    List<Delivery> late = new ArrayList<>();
    lock.lock();
    try {
      for (Delivery d; (d = intake.poll()) != null; ) {
        late.add(d);
      }
    } finally {
      lock.unlock();
    }
    late.forEach(lateEvents);
  }

  /**
   * Queues the event if there is room, never waits.
   *
   * @param d the event
   * @return the result
   */
  public Offer offer(Delivery d) {
    if (intakeClosed) {
      return Offer.CLOSED;
    }
    return offerOpen(d);
  }

  /**
   * {@link #offer(Delivery)} for an event the spool replays: taken until the pipeline stops, after
   * {@link #closeIntake()} too, so that {@code close()} delivers what the spool holds.
   *
   * @param d the event
   * @return the result
   */
  public Offer offerFromSpool(Delivery d) {
    if (stopped) {
      return Offer.CLOSED;
    }
    return offerOpen(d);
  }

  private Offer offerOpen(Delivery d) {
    Lane lane = intake.lane();
    if (!intake.reserve(lane, d.size())) {
      return Offer.FULL;
    }
    return added(lane, d);
  }

  /**
   * {@link #offerNew} for an event a front-end captured, validated unchanged, given as its parts
   * (see {@link Delivery#captured(String, String, String, String[], Object[], long)}).
   *
   * @param eventKey the event key
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null} (not both set)
   * @param names the parameter names by slot, shared
   * @param values the values by slot, handed over
   * @param epochNanos its timestamp, which is also when it was accepted
   * @return the result
   */
  public Offer offerCaptured(
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values,
      long epochNanos) {
    if (intakeClosed) {
      return Offer.CLOSED;
    }
    int size = EventSize.estimate(customerId, visitorId, values);
    Lane lane = intake.lane();
    if (!intake.reserve(lane, size)) {
      return Offer.FULL;
    }
    return added(
        lane,
        new CapturedDelivery(eventKey, customerId, visitorId, names, values, epochNanos, size));
  }

  /**
   * {@link #offer(Delivery)} for a new event, making its delivery only once there is room: an event
   * refused here ({@link Offer#FULL}, {@link Offer#CLOSED}) never had a delivery, so no other
   * thread can have seen it, and the caller settles it without claiming one.
   *
   * @param event the event, validated
   * @param acceptedNanos {@link System#nanoTime()} when it was accepted
   * @param epochNanos its timestamp, if {@code captured}
   * @param captured whether a front-end captured it, timestamped from the clock read of {@code
   *     acceptedNanos} (see {@link Delivery#captured(Event, long, long)})
   * @return the result
   */
  public Offer offerNew(Event event, long acceptedNanos, long epochNanos, boolean captured) {
    if (intakeClosed) {
      return Offer.CLOSED;
    }
    int size = EventSize.estimate(event);
    Lane lane = intake.lane();
    if (!intake.reserve(lane, size)) {
      return Offer.FULL;
    }
    return added(
        lane,
        captured
            ? Delivery.captured(event, acceptedNanos, epochNanos, size)
            : Delivery.of(event, acceptedNanos, size));
  }

  /**
   * Queues the event, waiting up to {@code timeoutNanos} for room.
   *
   * @param d the event
   * @param timeoutNanos the longest wait
   * @return the result
   * @throws InterruptedException if interrupted while waiting
   */
  public Offer offer(Delivery d, long timeoutNanos) throws InterruptedException {
    Offer first = offer(d);
    if (first != Offer.FULL) {
      return first;
    }
    long remaining = timeoutNanos;
    Lane lane = intake.lane();
    roomLock.lockInterruptibly();
    blockedCallers.incrementAndGet();
    try {
      while (true) {
        if (intakeClosed) {
          return Offer.CLOSED;
        }
        if (intake.reserve(lane, d.size())) {
          break;
        }
        if (remaining <= 0) {
          return Offer.FULL;
        }
        remaining = roomFreed.awaitNanos(remaining);
      }
    } finally {
      blockedCallers.decrementAndGet();
      roomLock.unlock();
    }
    return added(lane, d);
  }

  /** Frees an event's room and wakes a blocked caller, if any waits. */
  private void release(Delivery d) {
    room.release(d.size());
    if (blockedCallers.get() > 0) {
      signalRoom();
    }
  }

  private void signalRoom() {
    roomLock.lock();
    try {
      roomFreed.signalAll();
    } finally {
      roomLock.unlock();
    }
  }

  /**
   * Queues the event; when there is no room, drops the oldest event still waiting for an attempt (a
   * due retry first, else the oldest of the new events at the head of a lane) to make room. If
   * every held event is waiting for a scheduled retry, nothing can be evicted and the new event is
   * the one dropped.
   *
   * @param d the event
   * @return what was queued and what was evicted
   */
  public Eviction offerEvictingOldest(Delivery d) {
    Offer first = offer(d);
    if (first == Offer.QUEUED) {
      return QUEUED_NO_EVICTION;
    }
    if (first == Offer.CLOSED) {
      return CLOSED;
    }
    List<Delivery> evicted = new ArrayList<>(1);
    lock.lock();
    try {
      // Events waiting for a scheduled retry cannot be evicted: if they alone leave no room, the
      // new event is the one dropped, and nothing else is.
      if (!room.wouldFitBeside(waiting.size(), waitingBytes, d.size())) {
        return new Eviction(Offer.FULL, List.of(d));
      }
      while (!intake.reserveExactly(d.size())) {
        if (intakeClosed) {
          return new Eviction(Offer.CLOSED, evicted);
        }
        Delivery oldest = due.pollFirst();
        if (oldest == null) {
          oldest = intake.pollOldest();
        }
        if (oldest == null) {
          // The room is taken by callers still between reserving and adding: nothing to evict.
          evicted.add(d);
          return new Eviction(Offer.FULL, evicted);
        }
        room.release(oldest.size());
        evicted.add(oldest);
      }
    } finally {
      lock.unlock();
    }
    added(intake.lane(), d);
    return new Eviction(Offer.QUEUED, evicted);
  }

  /**
   * Sender side: waits until an event may be sent (one is waiting, fewer than the limit are in
   * flight, no pause) and moves it in flight. Only one thread may call this.
   *
   * @return the event, or {@code null} once stopped
   * @throws InterruptedException if interrupted
   */
  public Delivery take() throws InterruptedException {
    sender = Thread.currentThread();
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long parkNanos = 0;
      boolean wantWork = false;
      lock.lock();
      try {
        if (stopped) {
          return null;
        }
        long now = System.nanoTime();
        if (paused) {
          long left = pausedUntil - now;
          if (left > 0) {
            parkNanos = left;
          } else {
            paused = false;
          }
        }
        if (parkNanos == 0) {
          parkNanos = circuit.waitNanos(now);
        }
        if (parkNanos > 0) {
          // Held back: only an event past its age limit goes, for the sender to settle.
          Delivery expired = pollExpired(now);
          if (expired != null) {
            return moveInFlight(expired);
          }
          parkNanos = Math.min(parkNanos, EXPIRY_SWEEP_NANOS);
        } else if (inFlightCount.get() < circuit.inFlightLimit(limit.current())) {
          // A probe is a new event first: a due one may be the event that keeps failing.
          Delivery d = circuit.probing() ? pollNewFirst() : pollDueFirst();
          if (d != null) {
            return moveInFlight(d);
          }
          if (backlog) {
            backlog = false;
          }
          wantWork = true;
        }
      } finally {
        lock.unlock();
      }
      if (wantWork) {
        senderWantingWork = Thread.currentThread();
        if (intake.isEmpty() && !stopped) {
          LockSupport.park(this);
        }
        senderWantingWork = null;
      } else if (parkNanos > 0) {
        LockSupport.parkNanos(this, parkNanos);
      } else {
        // A slot is freed by done() (which unparks only a sender that says it waits here),
        // toRetry(), retryNow(), the circuit closing or stop() (which always unpark).
        senderWantingSlot = Thread.currentThread();
        if (inFlightCount.get() >= circuit.inFlightLimit(limit.current()) && !stopped) {
          LockSupport.park(this);
        }
        senderWantingSlot = null;
      }
    }
  }

  /** Under the lock: the taken event goes in flight and its room is freed. */
  private Delivery moveInFlight(Delivery d) {
    inFlight.add(d);
    inFlightCount.incrementAndGet();
    boolean more = !due.isEmpty() || !intake.isEmpty();
    if (backlog != more) {
      backlog = more; // written on a change only: callers read fields beside it
    }
    release(d);
    return d;
  }

  private Delivery pollDueFirst() {
    Delivery d = due.pollFirst();
    return d != null ? d : intake.poll();
  }

  private Delivery pollNewFirst() {
    Delivery d = intake.poll();
    return d != null ? d : due.pollFirst();
  }

  /** Under the lock: the oldest waiting event at a head, if it is past the age limit. */
  private Delivery pollExpired(long now) {
    if (maxAgeNanos == Long.MAX_VALUE) {
      return null;
    }
    Delivery head = due.peekFirst();
    if (head != null && now - head.acceptedNanos() > maxAgeNanos) {
      return due.pollFirst();
    }
    return intake.pollExpired(now, maxAgeNanos);
  }

  private void wakeSender() {
    Thread t = sender;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * The event's attempt is over and it will not be retried (settled or about to be).
   *
   * @param d the event
   */
  public void done(Delivery d) {
    if (leaveFlight(d)) {
      Thread waiter = senderWantingSlot;
      if (waiter != null) {
        LockSupport.unpark(waiter);
      }
    }
  }

  /** Takes the event out of flight, if it is in flight; whoever does counts it down. */
  private boolean leaveFlight(Delivery d) {
    if (inFlight.remove(d)) {
      inFlightCount.decrementAndGet();
      return true;
    }
    return false;
  }

  /**
   * The retry state machine's wait, owned here because it moves the event between the queue's sets:
   * takes an in-flight event out of flight into the waiting set and has {@code timer} make it due
   * again after {@code delayNanos}. If the timer refuses, the event is taken back out of the queue
   * and handed to {@code unscheduled}, which settles it.
   *
   * @return {@code false} if the queue was stopped: {@link #stop()} handed this in-flight event to
   *     close(), which settles it (as shutdown) or keeps it in the spool, so the caller must not
   */
  public boolean retryLater(
      Delivery d,
      long delayNanos,
      ScheduledExecutorService timer,
      Consumer<Throwable> unscheduled) {
    if (!toRetry(d)) {
      return false;
    }
    // From here the event is out of flight: whatever happens, it is not the caller's to mark done.
    try {
      timer.schedule(() -> retryDue(d), delayNanos, TimeUnit.NANOSECONDS);
    } catch (Throwable t) {
      if (forgetWaiting(d)) {
        unscheduled.accept(t);
      }
    }
    return true;
  }

  /**
   * Moves an in-flight event to wait for a scheduled retry.
   *
   * @param d the event
   * @return {@code false} if the pipeline is stopped (the caller must settle the event itself)
   */
  boolean toRetry(Delivery d) {
    lock.lock();
    try {
      if (stopped) {
        return false;
      }
      leaveFlight(d);
      waiting.add(d);
      waitingBytes += d.size();
      room.add(d.size());
    } finally {
      lock.unlock();
    }
    wakeSender();
    return true;
  }

  /**
   * A scheduled retry is due: the event goes back to be sent, ahead of new events.
   *
   * @param d the event
   */
  void retryDue(Delivery d) {
    boolean moved = false;
    lock.lock();
    try {
      if (!stopped && waiting.remove(d)) {
        waitingBytes -= d.size();
        due.addLast(d);
        moved = true;
      }
    } finally {
      lock.unlock();
    }
    if (moved) {
      wakeSender();
    }
  }

  /**
   * A retry could not be scheduled: forget the waiting event (the caller settles it).
   *
   * @param d the event
   * @return whether it was waiting (and so still the caller's to settle)
   */
  boolean forgetWaiting(Delivery d) {
    boolean was;
    lock.lock();
    try {
      was = waiting.remove(d);
      if (was) {
        waitingBytes -= d.size();
      }
    } finally {
      lock.unlock();
    }
    if (was) {
      release(d);
    }
    return was;
  }

  /**
   * Moves an in-flight event straight back to be sent, ahead of new events, without a wait of its
   * own: while the endpoint fails, the circuit paces every send.
   *
   * @param d the event
   * @return {@code false} if the pipeline is stopped (the caller must settle the event itself)
   */
  public boolean retryNow(Delivery d) {
    lock.lock();
    try {
      if (stopped) {
        return false;
      }
      leaveFlight(d);
      due.addLast(d);
      room.add(d.size());
    } finally {
      lock.unlock();
    }
    wakeSender();
    return true;
  }

  /**
   * The endpoint answered a request (delivered or rejected its event). If that closes the circuit,
   * every event waiting for a scheduled retry is due at once.
   *
   * @param nowNanos when
   */
  public void answered(long nowNanos) {
    if (!circuit.answered(nowNanos)) {
      return;
    }
    lock.lock();
    try {
      if (!stopped) {
        due.addAll(waiting); // their scheduled retries find them gone and do nothing
        waiting.clear();
        waitingBytes = 0;
      }
    } finally {
      lock.unlock();
    }
    wakeSender();
  }

  /**
   * A request failed in a way that may be the endpoint's: see {@link EndpointCircuit#failed}.
   *
   * @param nowNanos when
   * @param retryAfterNanos the answer's {@code Retry-After}, capped, or 0
   */
  public void failed(long nowNanos, long retryAfterNanos) {
    circuit.failed(nowNanos, retryAfterNanos);
  }

  /**
   * @param sinceNanos a {@link System#nanoTime()}
   * @return whether the endpoint answered a request at or after that time
   */
  public boolean answeredSince(long sinceNanos) {
    return circuit.answeredSince(sinceNanos);
  }

  /**
   * @return whether the endpoint is failing as a whole (the circuit is open or half-open)
   */
  public boolean endpointFailing() {
    return circuit.failing();
  }

  /**
   * Holds back every send until {@code untilNanos} ({@link System#nanoTime()} based); a later pause
   * extends an earlier one, never shortens it.
   *
   * @param untilNanos end of the pause
   */
  public void pauseUntil(long untilNanos) {
    lock.lock();
    try {
      if (!paused || untilNanos - pausedUntil > 0) {
        pausedUntil = untilNanos;
        paused = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return nanoseconds left of the current pause, 0 if none
   */
  public long pauseRemainingNanos() {
    lock.lock();
    try {
      if (!paused) {
        return 0;
      }
      return Math.max(0, pausedUntil - System.nanoTime());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Every unsettled event now in the pipeline, whatever a caller handed over before this call
   * included.
   *
   * @return a new list
   */
  public List<Delivery> snapshot() {
    lock.lock();
    try {
      return snapshotUnderLock();
    } finally {
      lock.unlock();
    }
  }

  private List<Delivery> snapshotUnderLock() {
    List<Delivery> all = new ArrayList<>(intake.held() + inFlight.size());
    all.addAll(due);
    intake.forEach(all::add);
    all.addAll(inFlight);
    all.addAll(waiting);
    return all;
  }

  /**
   * @return events held waiting to be sent (new, due and scheduled retries)
   */
  public int held() {
    return intake.held();
  }

  /**
   * @return events in flight
   */
  public int inFlight() {
    return inFlightCount.get();
  }

  /**
   * @return whether events waited to be sent (new or due; not those waiting for a scheduled retry)
   *     when the sender last took one: a hint for the adaptive limit, read without the lock
   */
  public boolean hasBacklog() {
    return backlog;
  }

  /** Refuses every further offer ({@link Offer#CLOSED}); blocked offers return at once. */
  public void closeIntake() {
    intakeClosed = true;
    signalRoom();
  }

  /**
   * Stops the pipeline: the sender's {@link #take()} returns {@code null}, retries are no longer
   * accepted, and every event still in it is handed to the caller (exactly once). An event a caller
   * adds afterwards (it passed the closed intake's check just before) goes to the late-events
   * consumer given at construction.
   *
   * @return the events that were queued, due, in flight or waiting for a retry
   */
  public List<Delivery> stop() {
    List<Delivery> rest;
    lock.lock();
    try {
      intakeClosed = true;
      stopped = true;
      rest = new ArrayList<>(intake.held() + inFlight.size());
      rest.addAll(due);
      for (Delivery d; (d = intake.poll()) != null; ) {
        rest.add(d); // poll, not forEach: it waits for a producer caught between its two steps
      }
      for (Delivery d : inFlight) {
        if (leaveFlight(d)) {
          rest.add(d);
        }
      }
      rest.addAll(waiting);
      due.clear();
      waiting.clear();
      waitingBytes = 0;
      intake.clear();
    } finally {
      lock.unlock();
    }
    wakeSender();
    Thread waiter = senderWantingWork;
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
    signalRoom();
    return rest;
  }
}
