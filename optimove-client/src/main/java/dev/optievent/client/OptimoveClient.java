package dev.optievent.client;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.ClientCounters;
import dev.optievent.client.internal.DeliveryObserver;
import dev.optievent.client.internal.Durations;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.delivery.Sender;
import dev.optievent.client.internal.outcome.Accounting;
import dev.optievent.client.internal.outcome.ListenerDispatcher;
import dev.optievent.client.internal.outcome.Observation;
import dev.optievent.client.internal.outcome.Outcomes;
import dev.optievent.client.internal.queue.Delivery;
import dev.optievent.client.internal.queue.Pipeline;
import dev.optievent.client.internal.spool.Spool;
import dev.optievent.client.internal.validation.EventValidator;
import dev.optievent.client.internal.validation.ValidationResult;
import dev.optievent.client.internal.validation.Validators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports {@link Event}s to Optimove's server-side API, one JSON event per HTTP POST, without ever
 * making the caller wait for the network.
 *
 * <pre>{@code
 * try (OptimoveClient client = OptimoveClient.create(config)) {
 *   client.send(Event.builder("newsletter_signup").customer("c-42").param("opt_in", true).build());
 * }
 * }</pre>
 *
 * <p><b>How an event travels.</b> {@link #send(Event)} counts the event as accepted, checks it on
 * the calling thread (identity and the configured rules) and puts it in a bounded in-memory queue
 * ({@link OptimoveConfig#queueCapacity()}); when the queue is full the {@link
 * OptimoveConfig#overflowPolicy()} decides what is dropped. A sender thread serialises the queued
 * events and POSTs them with the JDK {@link java.net.http.HttpClient}, up to {@link
 * OptimoveConfig#maxInFlight()} at once, each calling thread's events in the order it sent them.
 *
 * <p><b>Answers.</b> A 2xx with {@code "status":"success"} delivers the event (a 2xx whose body
 * cannot be read also counts as delivered, with a warning). A {@code "status":"error"} answer
 * rejects it as {@code server_error} with Optimove's message. Network failures, timeouts, 408, 429
 * and 5xx (except 501 and 505) are retried with exponential backoff and full jitter, honouring
 * {@code Retry-After} up to {@link OptimoveConfig#retryAfterCap()}; a 429 pauses all sending to the
 * endpoint, not only the one event. Other statuses reject the event as {@code http_<code>}. An
 * event is given up as {@code retries_exhausted} after {@link OptimoveConfig#maxAttempts()}
 * attempts and as {@code expired} when it is still undelivered {@link OptimoveConfig#maxEventAge()}
 * after it was accepted.
 *
 * <p><b>At least once.</b> A retry after a timeout or a cut connection can deliver an event twice
 * (Optimove documents no de-duplication).
 *
 * <p><b>Outcomes.</b> Every accepted event ends exactly once as delivered, rejected or dropped;
 * {@link #stats()} counts them ({@code accepted == delivered + rejected + dropped + pending} in
 * every snapshot) and the {@link DeliveryListener}, if configured, hears each one on its own
 * thread. Reason codes are stable snake_case constants of {@link Reasons}.
 *
 * <p><b>Logs</b> (SLF4J) never show a customer ID, visitor ID or e-mail address in clear; each kind
 * of problem is logged once at WARN, its repeats at DEBUG.
 *
 * <p>Thread-safe. Close the client when done: {@link #close()} delivers what it can within {@link
 * OptimoveConfig#shutdownTimeout()} and reports the rest as dropped. Its threads are daemon threads
 * and never keep the JVM alive.
 */
public final class OptimoveClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OptimoveClient.class);
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  /** How long {@link #close()} waits for the listener to hear the last outcomes. */
  private static final Duration LISTENER_DRAIN = Duration.ofSeconds(1);

  /** How long {@link #close()} waits for the spool to write what is undelivered. */
  private static final Duration SPOOL_CLOSE = Duration.ofSeconds(10);

  private final OptimoveConfig config;
  private final EventValidator validator;
  private final OverflowPolicy overflowPolicy;
  private final long blockTimeoutNanos;
  private final Observation observation = new Observation();
  private final Accounting accounting = new Accounting(observation);
  private final ListenerDispatcher listener;
  private final Outcomes outcomes;
  private final Pipeline pipeline;
  private final Sender sender;
  private final Spool spool;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread shutdownHook;
  private final Queue<Runnable> closeActions = new ConcurrentLinkedQueue<>();

  static {
    ClientAccess.install(new Access());
  }

  private OptimoveClient(OptimoveConfig config) {
    this.config = config;
    this.validator = Validators.forConfig(config);
    this.overflowPolicy = config.overflowPolicy();
    this.blockTimeoutNanos = Durations.toNanosSaturated(config.blockTimeout());
    int id = CLIENT_IDS.incrementAndGet();
    int listenerCapacity = Math.max(1024, config.queueCapacity());
    this.listener =
        new ListenerDispatcher(
            config.deliveryListener().orElse(null),
            listenerCapacity,
            "optimove-listener-" + id,
            accounting);
    this.outcomes = new Outcomes(accounting, listener, observation);
    this.pipeline =
        Pipeline.forConfig(config, late -> outcomes.dropped(late, Reasons.SHUTDOWN, null));
    // Before the sender: a spool directory held by another client fails here, with nothing
    // started yet.
    this.spool =
        config.spoolDirectory().isPresent()
            ? Spool.open(config, pipeline, outcomes, accounting, validator, id)
            : null;
    try {
      this.sender = new Sender(config, pipeline, outcomes, accounting, observation, id);
    } catch (RuntimeException | Error e) {
      if (spool != null) {
        spool.release(); // or the directory stays locked for the rest of this JVM's life
      }
      throw e;
    }
    this.shutdownHook =
        config.shutdownHook() ? new Thread(this::close, "optimove-shutdown-hook-" + id) : null;
  }

  /**
   * Creates a client and starts its sender thread.
   *
   * @param config the settings
   * @return the running client
   */
  public static OptimoveClient create(OptimoveConfig config) {
    Objects.requireNonNull(config, "config");
    OptimoveClient client = new OptimoveClient(config);
    client.sender.start();
    if (client.spool != null) {
      client.spool.start();
    }
    if (client.shutdownHook != null) {
      try {
        Runtime.getRuntime().addShutdownHook(client.shutdownHook);
      } catch (IllegalStateException e) {
        LOG.warn(
            "The JVM is already shutting down: no shutdown hook registered for the Optimove"
                + " client; close it yourself");
      }
    }
    LOG.debug("Optimove client started: {}", config);
    return client;
  }

  /**
   * @return the settings this client was created with
   */
  public OptimoveConfig config() {
    return config;
  }

  /**
   * Hands an event over for delivery, without waiting for the network (only {@link
   * OverflowPolicy#BLOCK} may wait, for room in the queue, up to {@link
   * OptimoveConfig#blockTimeout()}).
   *
   * <p>The event is counted as accepted and checked on the calling thread. It is then queued, or,
   * if refused, counted as rejected (a validation rule) or dropped ({@code no_identity}, {@code
   * queue_full}, {@code closed}) and reported to the listener. Never throws for a non-null event.
   *
   * @param event the event
   * @return {@code true} if the event was queued for delivery
   * @throws NullPointerException if {@code event} is {@code null}
   */
  public boolean send(Event event) {
    Objects.requireNonNull(event, "event");
    return send(event, System.nanoTime(), 0, false);
  }

  /** See {@link ClientAccess#sendNow}: one clock read for the timestamp and the acceptance. */
  private boolean sendNow(
      String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
    long now = System.nanoTime();
    long epochNanos = WallClock.epochNanos(now);
    if (!passesUnchanged(eventKey, customerId, visitorId, names, values)) {
      // The whole check on the event: it decides, says why, or sends it changed.
      return send(
          capturedEvent(eventKey, customerId, visitorId, epochNanos, names, values),
          now,
          epochNanos,
          true);
    }
    accounting.accepted();
    if (closing.get()) {
      return refusedNow(
          Pipeline.Offer.CLOSED,
          capturedEvent(eventKey, customerId, visitorId, epochNanos, names, values));
    }
    if (overflowPolicy == OverflowPolicy.DROP_NEWEST && spool == null) {
      // As in send: no delivery is made for an event the pipeline refuses; its Event is made only
      // then, to count it.
      Pipeline.Offer offer =
          pipeline.offerCaptured(eventKey, customerId, visitorId, names, values, epochNanos);
      return offer == Pipeline.Offer.QUEUED
          || refusedNow(
              offer, capturedEvent(eventKey, customerId, visitorId, epochNanos, names, values));
    }
    return enqueue(Delivery.captured(eventKey, customerId, visitorId, names, values, epochNanos));
  }

  /** Validation of a captured event's parts; a rule that throws leaves it to the whole check. */
  private boolean passesUnchanged(
      String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
    try {
      return validator.passesUnchanged(eventKey, customerId, visitorId, names, values);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A front-end's event from the parts {@link #sendNow} takes. */
  private static Event capturedEvent(
      String eventKey,
      String customerId,
      String visitorId,
      long epochNanos,
      String[] names,
      Object[] values) {
    return capturedEvent(eventKey, customerId, visitorId, epochNanos, new ParamMap(names, values));
  }

  /**
   * A front-end's event, timestamped {@code epochNanos}; see {@link ClientAccess#capturedEvent}.
   */
  private static Event capturedEvent(
      String eventKey, String customerId, String visitorId, long epochNanos, ParamMap params) {
    return new Event(
        eventKey,
        customerId,
        visitorId,
        WallClock.seconds(epochNanos),
        WallClock.nanos(epochNanos),
        params);
  }

  /**
   * @param captured whether a front-end captured the event, timestamped at {@code epochNanos} from
   *     the same clock read as {@code acceptedNanos}: its delivery can then hold its parts alone
   */
  private boolean send(Event event, long acceptedNanos, long epochNanos, boolean captured) {
    accounting.accepted();
    if (closing.get()) {
      outcomes.droppedNow(event, Reasons.CLOSED, null);
      return false;
    }
    Event toSend = event;
    ValidationResult result;
    try {
      result = validator.check(event);
    } catch (RuntimeException e) {
      outcomes.droppedNow(
          event, Reasons.VALIDATION_FAILED, "validation threw " + LogSafe.describe(e));
      return false;
    }
    if (result != null) {
      Event checked = result.event() != null ? result.event() : event;
      switch (result.outcome()) {
        case REJECT -> {
          outcomes.rejectedNow(checked, reasonOrUnknown(result.reason()), result.message());
          return false;
        }
        case DROP -> {
          outcomes.droppedNow(checked, reasonOrUnknown(result.reason()), result.message());
          return false;
        }
        default -> toSend = checked;
      }
    }
    boolean asCaptured = captured && toSend == event;
    if (overflowPolicy == OverflowPolicy.DROP_NEWEST && spool == null) {
      // The common case, and the path a full queue takes on every call during an outage: no
      // delivery is made for an event that is refused. (A spool needs the delivery either way.)
      Pipeline.Offer offer = pipeline.offerNew(toSend, acceptedNanos, epochNanos, asCaptured);
      return offer == Pipeline.Offer.QUEUED || refusedNow(offer, toSend);
    }
    return enqueue(
        asCaptured
            ? Delivery.captured(toSend, acceptedNanos, epochNanos)
            : Delivery.of(toSend, acceptedNanos));
  }

  /** Counts an event the pipeline refused before it had a delivery; always {@code false}. */
  private boolean refusedNow(Pipeline.Offer offer, Event event) {
    outcomes.droppedNow(
        event, offer == Pipeline.Offer.CLOSED ? Reasons.CLOSED : Reasons.QUEUE_FULL, null);
    return false;
  }

  private boolean enqueue(Delivery d) {
    if (spool != null) {
      Pipeline.Offer first = pipeline.offer(d);
      if (first == Pipeline.Offer.QUEUED) {
        spool.keep(d); // write-ahead, on the spool's thread
        return true;
      }
      if (first == Pipeline.Offer.FULL && spool.spill(d)) {
        return true; // no room in memory: it waits on disk
      }
      // Closed, or the spool is full too: the overflow policy decides, as without a spool.
    }
    Pipeline.Offer offer;
    switch (overflowPolicy) {
      case DROP_OLDEST -> {
        Pipeline.Eviction eviction = pipeline.offerEvictingOldest(d);
        offer = eviction.offer();
        for (Delivery evicted : eviction.evicted()) {
          outcomes.droppedOnCallerThread(evicted, Reasons.QUEUE_FULL);
        }
        if (offer == Pipeline.Offer.FULL) {
          return false; // d itself was the one dropped, just above
        }
      }
      case BLOCK -> offer = offerBlocking(d);
      default -> offer = pipeline.offer(d); // DROP_NEWEST with a spool that could not take it
    }
    switch (offer) {
      case QUEUED -> {
        return true;
      }
      case CLOSED -> {
        outcomes.droppedOnCallerThread(d, Reasons.CLOSED);
        return false;
      }
      default -> {
        outcomes.droppedOnCallerThread(d, Reasons.QUEUE_FULL);
        return false;
      }
    }
  }

  /**
   * Waits for room up to the block timeout. An interrupted caller does not wait, but its event
   * still goes in if there is room; the interrupt flag is left as it was found.
   */
  private Pipeline.Offer offerBlocking(Delivery d) {
    Pipeline.Offer offer = pipeline.offer(d);
    if (offer != Pipeline.Offer.FULL || Thread.currentThread().isInterrupted()) {
      return offer;
    }
    try {
      return pipeline.offer(d, blockTimeoutNanos);
    } catch (InterruptedException e) {
      Pipeline.Offer last = pipeline.offer(d); // room may have come with the interrupt
      Thread.currentThread().interrupt();
      return last;
    }
  }

  private static String reasonOrUnknown(String reason) {
    return reason == null || reason.isBlank() ? Reasons.UNKNOWN : reason;
  }

  /** See {@link ClientAccess#dropped}. */
  private void dropped(Event event, String reason, Throwable cause) {
    accounting.accepted();
    outcomes.droppedNow(
        event, reasonOrUnknown(reason), cause == null ? null : LogSafe.describe(cause));
  }

  /** See {@link ClientAccess#whenClosed}. */
  private void whenClosed(Runnable action) {
    closeActions.add(action);
    if (closed.getCount() == 0 && closeActions.remove(action)) {
      runCloseAction(action); // closed meanwhile: the close() loop may have missed it
    }
  }

  private static void runCloseAction(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("An action run when the Optimove client closed threw {}", LogSafe.describe(e));
    }
  }

  /** The client's side of {@link ClientAccess}, for the library's own front-ends. */
  private static final class Access extends ClientAccess {
    @Override
    public void dropped(OptimoveClient client, Event event, String reason, Throwable cause) {
      client.dropped(event, reason, cause);
    }

    @Override
    public boolean sendNow(
        OptimoveClient client,
        String eventKey,
        String customerId,
        String visitorId,
        String[] names,
        Object[] values) {
      return client.sendNow(eventKey, customerId, visitorId, names, values);
    }

    @Override
    public Event capturedEvent(
        String eventKey, String customerId, String visitorId, long epochNanos, ParamMap params) {
      return OptimoveClient.capturedEvent(eventKey, customerId, visitorId, epochNanos, params);
    }

    @Override
    public void whenClosed(OptimoveClient client, Runnable action) {
      client.whenClosed(Objects.requireNonNull(action, "action"));
    }

    @Override
    public void observe(OptimoveClient client, DeliveryObserver observer) {
      client.observation.add(observer);
    }

    @Override
    public ClientCounters counters(OptimoveClient client) {
      return new Counters(Objects.requireNonNull(client, "client"));
    }
  }

  /** The client's counters and queue, read live; see {@link ClientAccess#counters}. */
  private static final class Counters implements ClientCounters {
    private final OptimoveClient client;

    Counters(OptimoveClient client) {
      this.client = client;
    }

    @Override
    public long accepted() {
      return client.accounting.acceptedCount();
    }

    @Override
    public long delivered() {
      return client.accounting.deliveredCount();
    }

    @Override
    public long rejected(String reason) {
      return client.accounting.rejectedCount(reason);
    }

    @Override
    public long dropped(String reason) {
      return client.accounting.droppedCount(reason);
    }

    @Override
    public Set<String> rejectedReasons() {
      return client.accounting.rejectedReasons();
    }

    @Override
    public Set<String> droppedReasons() {
      return client.accounting.droppedReasons();
    }

    @Override
    public long retries() {
      return client.accounting.retriesCount();
    }

    @Override
    public long pending() {
      return client.accounting.pending();
    }

    @Override
    public int queueSize() {
      return client.pipeline.held();
    }

    @Override
    public int queueCapacity() {
      return client.config.queueCapacity();
    }

    @Override
    public int activeRequests() {
      return client.pipeline.inFlight();
    }
  }

  /**
   * A consistent snapshot of the counters: {@code accepted == delivered + rejected + dropped +
   * pending} holds in every snapshot, even while events are being sent.
   *
   * @return the snapshot
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
        spool.bytes());
  }

  /** For tests: records the spool has written and forced to disk, -1 without a spool. */
  long spoolSyncedRecords() {
    return spool == null ? -1 : spool.syncedRecords();
  }

  /**
   * How many listener notifications were skipped because the {@link DeliveryListener} fell so far
   * behind that its queue was full. The outcomes themselves are still counted in {@link #stats()}.
   *
   * @return the number of skipped notifications
   */
  public long skippedNotifications() {
    return accounting.skippedNotifications();
  }

  /**
   * Waits until every event accepted before this call is settled (delivered, rejected or dropped),
   * or the timeout passes. Events sent meanwhile are not waited for, except that with a spool every
   * event held on disk is waited for, whenever it was accepted.
   *
   * @param timeout the longest wait
   * @return {@code true} if everything was settled, {@code false} if the time ran out
   */
  public boolean flush(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return flushAll(System.nanoTime() + Durations.toNanosSaturated(timeout), true);
  }

  /**
   * Waits until what the spool holds has been replayed and every event in the queue then is
   * settled, or the deadline passes. With a spool, events held on disk only are replayed into the
   * queue first (right after the start too: until the spool thread has read the directory, what it
   * holds is not counted yet).
   *
   * @param untilClosed whether {@link #close()} ends the wait for the spool (a flush's does;
   *     close's own does not: it delivers what the spool holds as it delivers the queue)
   */
  private boolean flushAll(long deadline, boolean untilClosed) {
    if (spool != null
        && (!waitUntil(() -> spool.holdsNothing() || (untilClosed && closing.get()), deadline)
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
   *
   * @return whether {@code done} held
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
   * @return whether {@link #close()} has been called
   */
  public boolean isClosed() {
    return closing.get();
  }

  /**
   * Stops taking events, delivers what is queued within {@link OptimoveConfig#shutdownTimeout()},
   * then reports every event still undelivered (queued, in flight or waiting for a retry) as
   * dropped with reason {@code shutdown}, and stops the client's threads and releases its HTTP
   * client. Idempotent; a concurrent call waits for the first to finish. Afterwards {@link
   * #send(Event)} drops events with reason {@code closed}.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      try {
        closed.await(
            Durations.toNanosSaturated(config.shutdownTimeout()) + TimeUnit.SECONDS.toNanos(5),
            TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    // An interrupted caller (say, a container stopping a thread) still gets the delivery that
    // close() promises: the flag is set aside while waiting and restored afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      removeShutdownHook();
      pipeline.closeIntake();
      // The queue and the spool: intake is closed to callers, but the spool goes on replaying
      // what it holds; what is still on disk when the time is up stays there for the next start.
      boolean flushed =
          flushAll(System.nanoTime() + Durations.toNanosSaturated(config.shutdownTimeout()), false);
      List<Delivery> rest = pipeline.stop();
      if (spool != null) {
        // Every undelivered event stays on disk for the next start instead of being dropped.
        List<Delivery> lost = spool.close(rest, SPOOL_CLOSE);
        Set<Delivery> notKept = Collections.newSetFromMap(new IdentityHashMap<>());
        notKept.addAll(lost);
        for (Delivery d : rest) {
          if (!notKept.contains(d)) {
            // Claimed and never counted: it stays pending here (the next start counts it), and
            // no late outcome of a request being cut below can count it as dropped.
            d.markSettled();
          }
        }
        rest = lost;
      }
      for (Delivery d : rest) {
        outcomes.dropped(d, Reasons.SHUTDOWN, null);
      }
      if (!flushed && (spool == null || !rest.isEmpty())) {
        LOG.warn(
            "Optimove client closed with {} event(s) undelivered after waiting {}; they are"
                + " counted as dropped (shutdown)",
            rest.size(),
            config.shutdownTimeout());
      }
      sender.shutdown(Duration.ofSeconds(1));
      listener.shutdown(LISTENER_DRAIN);
      LOG.debug("Optimove client closed: {}", stats());
    } finally {
      closed.countDown();
      for (Runnable action; (action = closeActions.poll()) != null; ) {
        runCloseAction(action);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void removeShutdownHook() {
    if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs (and finds the client closed).
    }
  }

  /** For tests: the shutdown hook, or {@code null} if none was asked for. */
  Thread shutdownHook() {
    return shutdownHook;
  }

  /** For tests: how long every send is still paused (after a 429), zero if not. */
  Duration pauseRemaining() {
    return Duration.ofNanos(pipeline.pauseRemainingNanos());
  }

  /** For tests: events held waiting to be sent (new, due and waiting for a retry). */
  int held() {
    return pipeline.held();
  }

  /** For tests: the request threads that have not ended (virtual ones included). */
  List<Thread> requestThreads() {
    return sender.requestThreads();
  }

  /** For tests: events in flight. */
  int inFlight() {
    return pipeline.inFlight();
  }
}
