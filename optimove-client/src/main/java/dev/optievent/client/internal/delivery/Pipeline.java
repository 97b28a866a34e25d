package dev.optievent.client.internal.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where every accepted, unsettled event is: waiting for its first attempt ({@code ready}), due for
 * a retry ({@code due}), in flight, or waiting for a scheduled retry ({@code waiting}). All moves
 * happen under one lock, so that a flush can take an exact snapshot and a shutdown can take every
 * event exactly once.
 *
 * <p>Capacity: {@code ready + due + waiting} (the events "held waiting to be sent") never grows
 * past the capacity through intake; an in-flight event that must be retried always gets back in, so
 * that at most {@code capacity + maxInFlight} events are pending at once. In flight: at most {@code
 * maxInFlight}. The sender takes retries that are due before new events, and new events in order of
 * arrival. A pause (after a 429) holds back every take until it passes. Internal.
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

  private final int capacity;
  private final long maxBytes;

  /** The estimated size of the held events (ready, due and waiting), under the lock. */
  private long heldBytes;

  /** The part of {@link #heldBytes} that is waiting for a scheduled retry. */
  private long waitingBytes;

  private final int maxInFlight;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition sendable = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<Delivery> ready = new ArrayDeque<>();
  private final ArrayDeque<Delivery> due = new ArrayDeque<>();
  private final Set<Delivery> inFlight = new HashSet<>();
  private final Set<Delivery> waiting = new HashSet<>();
  private long pausedUntil;
  private boolean paused;
  private boolean intakeClosed;
  private boolean stopped;

  /**
   * Whether the sender waits because nothing is ready (as opposed to waiting for a free in-flight
   * slot or for a pause to pass): only then does a new event need to wake it. Waking it otherwise
   * costs the calling thread an unpark, and the sender a futile trip through the lock that the next
   * caller then waits for.
   */
  private boolean senderWantsWork;

  /**
   * @param capacity most events held waiting to be sent
   * @param maxBytes most estimated bytes of events held waiting to be sent ({@link
   *     Delivery#size()}); one event is always let into an empty queue, however big
   * @param maxInFlight most events in flight
   */
  public Pipeline(int capacity, long maxBytes, int maxInFlight) {
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.maxInFlight = maxInFlight;
  }

  /** Called under the lock after adding to {@code ready}. */
  private void wakeSenderForWork() {
    if (senderWantsWork) {
      sendable.signal();
    }
  }

  /** Whether {@code d} does not fit beside the held events, by count or by bytes. */
  private boolean full(Delivery d) {
    return ready.size() + due.size() + waiting.size() >= capacity
        || (heldBytes > 0 && heldBytes + d.size() > maxBytes);
  }

  private void addReady(Delivery d) {
    ready.addLast(d);
    heldBytes += d.size();
    wakeSenderForWork();
  }

  /**
   * Queues the event if there is room, never waits.
   *
   * @param d the event
   * @return the result
   */
  public Offer offer(Delivery d) {
    lock.lock();
    try {
      if (intakeClosed) {
        return Offer.CLOSED;
      }
      if (full(d)) {
        return Offer.FULL;
      }
      addReady(d);
      return Offer.QUEUED;
    } finally {
      lock.unlock();
    }
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
    long remaining = timeoutNanos;
    lock.lockInterruptibly();
    try {
      while (true) {
        if (intakeClosed) {
          return Offer.CLOSED;
        }
        if (!full(d)) {
          addReady(d);
          return Offer.QUEUED;
        }
        if (remaining <= 0) {
          return Offer.FULL;
        }
        remaining = notFull.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues the event; when there is no room, drops the oldest event still waiting for an attempt (a
   * due retry first, else the oldest new event) to make room. If every held event is waiting for a
   * scheduled retry, nothing can be evicted and the new event is the one dropped.
   *
   * @param d the event
   * @return what was queued and what was evicted
   */
  public Eviction offerEvictingOldest(Delivery d) {
    lock.lock();
    try {
      if (intakeClosed) {
        return CLOSED;
      }
      if (!full(d)) {
        addReady(d);
        return QUEUED_NO_EVICTION;
      }
      // Events waiting for a scheduled retry cannot be evicted: if they alone leave no room,
      // the new event is the one dropped, and nothing else is.
      if (waiting.size() >= capacity || (waitingBytes > 0 && waitingBytes + d.size() > maxBytes)) {
        return new Eviction(Offer.FULL, List.of(d));
      }
      List<Delivery> evicted = new ArrayList<>(1);
      while (full(d)) {
        Delivery oldest = ready.isEmpty() ? due.pollFirst() : ready.pollFirst();
        heldBytes -= oldest.size();
        evicted.add(oldest);
      }
      addReady(d);
      return new Eviction(Offer.QUEUED, evicted);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sender side: waits until an event may be sent (one is waiting, fewer than maxInFlight are in
   * flight, no pause) and moves it in flight.
   *
   * @return the event, or {@code null} once stopped
   * @throws InterruptedException if interrupted
   */
  public Delivery take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        if (stopped) {
          return null;
        }
        if (paused) {
          long left = pausedUntil - System.nanoTime();
          if (left > 0) {
            sendable.awaitNanos(left);
            continue;
          }
          paused = false;
        }
        if (inFlight.size() < maxInFlight) {
          Delivery d = due.pollFirst();
          if (d == null) {
            d = ready.pollFirst();
          }
          if (d != null) {
            heldBytes -= d.size();
            inFlight.add(d);
            notFull.signal();
            return d;
          }
          senderWantsWork = true;
          try {
            sendable.await();
          } finally {
            senderWantsWork = false;
          }
          continue;
        }
        sendable.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The event's attempt is over and it will not be retried (settled or about to be).
   *
   * @param d the event
   */
  public void done(Delivery d) {
    lock.lock();
    try {
      if (inFlight.remove(d)) {
        sendable.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves an in-flight event to wait for a scheduled retry.
   *
   * @param d the event
   * @return {@code false} if the pipeline is stopped (the caller must settle the event itself)
   */
  public boolean toRetry(Delivery d) {
    lock.lock();
    try {
      if (stopped) {
        return false;
      }
      inFlight.remove(d);
      waiting.add(d);
      heldBytes += d.size();
      waitingBytes += d.size();
      sendable.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A scheduled retry is due: the event goes back to be sent, ahead of new events.
   *
   * @param d the event
   */
  public void retryDue(Delivery d) {
    lock.lock();
    try {
      if (!stopped && waiting.remove(d)) {
        waitingBytes -= d.size();
        due.addLast(d);
        sendable.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A retry could not be scheduled: forget the waiting event (the caller settles it).
   *
   * @param d the event
   * @return whether it was waiting (and so still the caller's to settle)
   */
  public boolean forgetWaiting(Delivery d) {
    lock.lock();
    try {
      boolean was = waiting.remove(d);
      if (was) {
        heldBytes -= d.size();
        waitingBytes -= d.size();
      }
      if (was) {
        notFull.signal();
      }
      return was;
    } finally {
      lock.unlock();
    }
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
   * Every unsettled event now in the pipeline.
   *
   * @return a new list
   */
  public List<Delivery> snapshot() {
    lock.lock();
    try {
      List<Delivery> all =
          new ArrayList<>(ready.size() + due.size() + inFlight.size() + waiting.size());
      all.addAll(due);
      all.addAll(ready);
      all.addAll(inFlight);
      all.addAll(waiting);
      return all;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return events held waiting to be sent (new, due and scheduled retries)
   */
  public int held() {
    lock.lock();
    try {
      return ready.size() + due.size() + waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return events in flight
   */
  public int inFlight() {
    lock.lock();
    try {
      return inFlight.size();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses every further offer ({@link Offer#CLOSED}); blocked offers return at once. */
  public void closeIntake() {
    lock.lock();
    try {
      intakeClosed = true;
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the pipeline: the sender's {@link #take()} returns {@code null}, retries are no longer
   * accepted, and every event still in it is handed to the caller (exactly once).
   *
   * @return the events that were queued, due, in flight or waiting for a retry
   */
  public List<Delivery> stop() {
    lock.lock();
    try {
      intakeClosed = true;
      stopped = true;
      List<Delivery> rest = snapshot();
      ready.clear();
      due.clear();
      inFlight.clear();
      waiting.clear();
      heldBytes = 0;
      waitingBytes = 0;
      sendable.signalAll();
      notFull.signalAll();
      return rest;
    } finally {
      lock.unlock();
    }
  }
}
