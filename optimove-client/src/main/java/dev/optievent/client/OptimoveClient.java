package dev.optievent.client;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.ClientCounters;
import dev.optievent.client.internal.DeliveryObserver;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.WallClock;
import dev.optievent.client.internal.delivery.Admission;
import dev.optievent.client.internal.delivery.Engine;
import dev.optievent.client.internal.store.PreparedEvent;
import dev.optievent.client.internal.store.StoredOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
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

  private final OptimoveConfig config;
  private final Engine engine;
  private final Admission admission;
  private final Thread shutdownHook;

  static {
    ClientAccess.install(new Access());
  }

  /**
   * The settings of {@link #disabled()}: a placeholder endpoint (the {@code .invalid} domain never
   * resolves) and tenant, never contacted.
   */
  private static final String DISABLED_ENDPOINT = "https://disabled.optimove.invalid/";

  private OptimoveClient(OptimoveConfig config, boolean discarding) {
    this.config = config;
    int id = CLIENT_IDS.incrementAndGet();
    this.engine = discarding ? Engine.discarding(config, id) : new Engine(config, id);
    this.admission = engine.admission();
    this.shutdownHook =
        config.shutdownHook() && !discarding
            ? new Thread(this::close, "optimove-shutdown-hook-" + id)
            : null;
  }

  /**
   * Creates a client and starts its sender thread.
   *
   * @param config the settings
   * @return the running client
   */
  public static OptimoveClient create(OptimoveConfig config) {
    Objects.requireNonNull(config, "config");
    OptimoveClient client = new OptimoveClient(config, false);
    client.engine.start();
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
   * A client that discards every event, for when reporting is turned off (Spring Boot's {@code
   * optimove.enabled=false} provides one): {@link #send(Event)} counts each event as accepted and
   * dropped with reason {@link Reasons#DISABLED}, in {@link #stats()}, and returns {@code false}.
   * It has no thread, no HTTP client and no spool, never touches the network, and needs no
   * settings: {@link #config()} returns placeholders (endpoint {@code
   * https://disabled.optimove.invalid/}, tenant 1). {@link #flush(Duration)} returns at once;
   * {@link #close()} only marks it closed.
   *
   * @return a client that sends nothing
   */
  public static OptimoveClient disabled() {
    return new OptimoveClient(
        OptimoveConfig.builder().endpoint(DISABLED_ENDPOINT).tenant(1).shutdownHook(false).build(),
        true);
  }

  /**
   * @return whether this client discards every event ({@link #disabled()})
   */
  public boolean isDisabled() {
    return engine.isDiscarding();
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
    return admission.send(event);
  }

  /**
   * A consistent snapshot of the counters: {@code accepted == delivered + rejected + dropped +
   * pending} holds in every snapshot, even while events are being sent.
   *
   * @return the snapshot
   */
  public ClientStats stats() {
    return engine.stats();
  }

  /**
   * How many listener notifications were skipped because the {@link DeliveryListener} fell so far
   * behind that its queue was full. The outcomes themselves are still counted in {@link #stats()}.
   *
   * @return the number of skipped notifications
   */
  public long skippedNotifications() {
    return engine.skippedNotifications();
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
    return engine.flush(timeout);
  }

  /**
   * @return whether {@link #close()} has been called
   */
  public boolean isClosed() {
    return engine.isClosed();
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
    engine.close(this::removeShutdownHook);
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

  /** The client's side of {@link ClientAccess}, for the library's own front-ends. */
  private static final class Access extends ClientAccess {
    @Override
    public void dropped(OptimoveClient client, Event event, String reason, Throwable cause) {
      client.admission.dropped(event, reason, cause);
    }

    @Override
    public boolean sendNow(
        OptimoveClient client,
        String eventKey,
        String customerId,
        String visitorId,
        String[] names,
        Object[] values) {
      return client.admission.sendNow(eventKey, customerId, visitorId, names, values);
    }

    @Override
    public boolean sendHeld(
        OptimoveClient client,
        String eventKey,
        String customerId,
        String visitorId,
        String[] names,
        Object[] values,
        long epochNanos) {
      return client.admission.sendHeld(eventKey, customerId, visitorId, names, values, epochNanos);
    }

    @Override
    public PreparedEvent prepare(
        OptimoveClient client,
        String eventKey,
        String customerId,
        String visitorId,
        String[] names,
        Object[] values,
        long epochNanos) {
      return client
          .engine
          .preparation()
          .prepare(eventKey, customerId, visitorId, names, values, epochNanos);
    }

    @Override
    public PreparedEvent prepare(OptimoveClient client, Event event) {
      return client.engine.preparation().prepare(Objects.requireNonNull(event, "event"));
    }

    @Override
    public boolean sendStored(
        OptimoveClient client,
        String eventKey,
        byte[] body,
        long epochNanos,
        StoredOutcome outcome) {
      return client.admission.sendStored(
          eventKey, body, epochNanos, Objects.requireNonNull(outcome, "outcome"));
    }

    @Override
    public void rolledBack(OptimoveClient client) {
      client.admission.rolledBack();
    }

    @Override
    public Event capturedEvent(
        String eventKey, String customerId, String visitorId, long epochNanos, ParamMap params) {
      return OptimoveClient.capturedEvent(eventKey, customerId, visitorId, epochNanos, params);
    }

    @Override
    public void whenClosed(OptimoveClient client, Runnable action) {
      client.engine.whenClosed(Objects.requireNonNull(action, "action"));
    }

    @Override
    public void observe(OptimoveClient client, DeliveryObserver observer) {
      client.engine.observe(observer);
    }

    @Override
    public ClientCounters counters(OptimoveClient client) {
      return Objects.requireNonNull(client, "client").engine.counters();
    }
  }

  /** For tests: records the spool has written and forced to disk, -1 without a spool. */
  long spoolSyncedRecords() {
    return engine.spoolSyncedRecords();
  }

  /** For tests: the shutdown hook, or {@code null} if none was asked for. */
  Thread shutdownHook() {
    return shutdownHook;
  }

  /** For tests: how long every send is still paused (after a 429), zero if not. */
  Duration pauseRemaining() {
    return Duration.ofNanos(engine.pauseRemainingNanos());
  }

  /** For tests: events held waiting to be sent (new, due and waiting for a retry). */
  int held() {
    return engine.held();
  }

  /** For tests: the request threads that have not ended (virtual ones included). */
  List<Thread> requestThreads() {
    return engine.requestThreads();
  }

  /** For tests: events in flight. */
  int inFlight() {
    return engine.inFlight();
  }
}
