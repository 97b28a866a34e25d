package dev.optievent.client.internal.delivery;

import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.DaemonThreads;
import dev.optievent.client.internal.Durations;
import dev.optievent.client.internal.LogSafe;
import dev.optievent.client.internal.http.BoundedBody;
import dev.optievent.client.internal.http.HttpClientFactory;
import dev.optievent.client.internal.http.RequestFactory;
import dev.optievent.client.internal.http.RequestThreads;
import dev.optievent.client.internal.outcome.Accounting;
import dev.optievent.client.internal.outcome.Observation;
import dev.optievent.client.internal.outcome.Outcomes;
import dev.optievent.client.internal.queue.Delivery;
import dev.optievent.client.internal.queue.Pipeline;
import dev.optievent.client.internal.retry.Backoff;
import dev.optievent.client.internal.retry.ConcurrencyLimit;
import dev.optievent.client.internal.retry.ResponseClassifier;
import dev.optievent.client.internal.retry.Verdict;
import dev.optievent.client.internal.wire.InvalidPayloadException;
import dev.optievent.client.internal.wire.PayloadWriter;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events from the {@link Pipeline} on one daemon thread ({@code optimove-sender-N}),
 * serialises them and POSTs each with the JDK {@link HttpClient} on a request thread ({@code
 * optimove-request-N-M}): at most {@code maxInFlight} at once, over reused HTTP/1.1 connections.
 * The HTTP client's own work runs on its own small pool of daemon threads ({@code
 * optimove-http-N-M}).
 *
 * <p>Why a blocking {@code send} per request thread rather than {@code sendAsync}: the JDK's {@code
 * sendAsync} completes every returned future through {@code ForkJoinPool.commonPool()} (a no-op hop
 * the JDK adds whenever the client has an executor), and where the common pool has fewer than two
 * threads (machines or containers with one or two CPUs) that means a brand-new thread per response.
 * Measured here: about a third more CPU per event, and delivery would stall whenever the
 * application saturates the common pool. The synchronous path has no such hop. The cost is one
 * mostly parked thread per request in flight; idle ones end after 30 s.
 *
 * <p>One deadline, {@code requestTimeout}, covers each exchange from the request to the last byte
 * of the answer (the JDK's own timeout stops at the headers), and at most {@link #MAX_BODY_BYTES}
 * of an answer are read: see {@link BoundedBody}. A request thread is therefore never held longer
 * than that by a server that stalls or drips its answer.
 *
 * <p>Answers are classified: delivered, rejected, or retried. A retry is scheduled on a {@link
 * ScheduledThreadPoolExecutor} ({@code optimove-retry-N}, which also watches the deadlines of the
 * answers' bodies) and waits outside the pipeline's in-flight slots, so no thread sleeps through a
 * backoff and waiting retries never hold up the events behind them. The wait is the backoff, or the
 * server's {@code Retry-After} (capped at {@code retryAfterCap}) when that is longer; a 429 pauses
 * every send for that long. Internal.
 */
public final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  /**
   * Most bytes of an answer read: Optimove's answers are well under 1 KiB; past this the rest is
   * not read and the prefix is classified.
   */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** How long the sender thread rests after a failure no event can be blamed for. */
  private static final long PAUSE_AFTER_FAILURE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Pipeline pipeline;
  private final Outcomes outcomes;
  private final Accounting accounting;
  private final Observation observation;
  private final RequestFactory requestFactory;
  private final long requestTimeoutNanos;
  private final int maxAttempts;
  private final long maxAgeNanos;

  /** The setting that bounds an event's age: named in the drop's detail. */
  private final String ageSetting;

  private final long retryAfterCapNanos;
  private final Backoff backoff;
  private final PayloadWriter writer;
  private final ThreadPoolExecutor httpExecutor;
  private final ScheduledThreadPoolExecutor retryScheduler;
  private final Thread thread;
  private final ExecutorService requests;
  private final ConcurrencyLimit limit;
  private final DaemonThreads httpThreadFactory;
  private final DaemonThreads requestThreadFactory;
  private final DaemonThreads retryThreadFactory;
  private volatile HttpClient http;

  /** Where tests inject failures; no-ops otherwise. */
  interface Hooks {
    /** No-ops. */
    Hooks NONE = new Hooks() {};

    /** On the sender thread, before it waits for the next event. */
    default void beforeTake() {}

    /**
     * On a request thread, before the verdict on an answer is acted upon.
     *
     * @param d the event answered
     */
    default void beforeHandling(Delivery d) {}
  }

  /** For tests only. */
  volatile Hooks hooks = Hooks.NONE;

  /** Set by {@link #shutdown}: the only time the sender thread may end. */
  private volatile boolean stopping;

  /**
   * @param config the settings
   * @param pipeline where events come from
   * @param outcomes where they are settled
   * @param accounting the counters (retries)
   * @param clientId a number that tells this client's threads from other clients'
   */
  public Sender(
      OptimoveConfig config,
      Pipeline pipeline,
      Outcomes outcomes,
      Accounting accounting,
      int clientId) {
    this(config, pipeline, outcomes, accounting, new Observation(), clientId);
  }

  /**
   * @param config the settings
   * @param pipeline where events come from
   * @param outcomes where they are settled
   * @param accounting the counters (retries)
   * @param observation told of each exchange
   * @param clientId a number that tells this client's threads from other clients'
   */
  public Sender(
      OptimoveConfig config,
      Pipeline pipeline,
      Outcomes outcomes,
      Accounting accounting,
      Observation observation,
      int clientId) {
    this.pipeline = pipeline;
    this.limit = pipeline.limit();
    this.outcomes = outcomes;
    this.accounting = accounting;
    this.observation = observation;
    this.requestFactory = new RequestFactory(config);
    this.requestTimeoutNanos = Durations.toNanosSaturated(config.requestTimeout());
    this.maxAttempts = config.maxAttempts();
    this.maxAgeNanos = pipeline.maxAgeNanos();
    this.ageSetting = config.spoolDirectory().isPresent() ? "spoolMaxEventAge" : "maxEventAge";
    this.retryAfterCapNanos = Durations.toNanosSaturated(config.retryAfterCap());
    this.backoff = new Backoff(config.retryBaseDelay(), config.retryMaxDelay());
    this.writer = new PayloadWriter(config.tenant());
    this.httpThreadFactory = DaemonThreads.numbered("optimove-http-" + clientId);
    this.requestThreadFactory = RequestThreads.factory("optimove-request-" + clientId);
    this.retryThreadFactory = DaemonThreads.named("optimove-retry-" + clientId);

    // The HTTP client's own I/O work (reading, writing, timers' follow-ups) runs here.
    int httpThreads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.httpExecutor =
        new ThreadPoolExecutor(
            httpThreads,
            httpThreads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            httpThreadFactory);
    this.httpExecutor.allowCoreThreadTimeOut(true);
    this.http = HttpClientFactory.create(config, httpExecutor);

    // One thread per request in flight (never more than maxInFlight): see RequestThreads.
    this.requests = RequestThreads.executor(config.maxInFlight(), requestThreadFactory);
    this.retryScheduler = new ScheduledThreadPoolExecutor(1, retryThreadFactory);
    this.retryScheduler.setRemoveOnCancelPolicy(true);
    this.retryScheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);

    this.thread = DaemonThreads.named("optimove-sender-" + clientId).newThread(this::run);
  }

  /** Starts the sender thread. */
  public void start() {
    thread.start();
  }

  private void run() {
    while (!stopping) {
      try {
        serve();
        return; // stopped
      } catch (Throwable t) {
        // Not one event's failure (those are settled in serve): say, no memory left to wait for
        // the next event. This thread is all that moves events: it goes on after a breath rather
        // than die and strand every event behind it.
        complain("sender-failed", t);
        LockSupport.parkNanos(PAUSE_AFTER_FAILURE_NANOS);
      }
    }
  }

  /**
   * Takes and dispatches events until the pipeline or the sender is stopped; a failure is settled
   * with the event it hit.
   */
  private void serve() {
    while (!stopping) {
      hooks.beforeTake();
      Delivery d;
      try {
        d = pipeline.take();
      } catch (InterruptedException e) {
        continue; // close() interrupts after setting stopping; anyone else is ignored
      }
      if (d == null) {
        return; // the pipeline is stopped
      }
      boolean handedOver = false;
      try {
        handedOver = dispatch(d);
      } catch (Throwable t) {
        settleFailed(d, t);
      } finally {
        if (!handedOver) {
          pipeline.done(d);
        }
      }
    }
  }

  /**
   * Sends the event on a request thread, or settles it here.
   *
   * @return whether a request thread took it (and with it the in-flight slot)
   */
  private boolean dispatch(Delivery d) {
    if (System.nanoTime() - d.acceptedNanos() > maxAgeNanos) {
      outcomes.dropped(d, Reasons.EXPIRED, "not delivered within " + ageSetting);
      return false;
    }
    byte[] body;
    try {
      body = d.body(writer); // for each attempt: see Delivery on why it is not kept
    } catch (InvalidPayloadException e) {
      outcomes.rejected(d, e.reason(), e.getMessage());
      return false;
    }
    HttpClient client = http;
    if (client == null || d.isSettled()) {
      return false; // closing: the pipeline has been stopped and this event settled as shutdown
    }
    if (d.nextAttempt() > 1) {
      accounting.retried();
    }
    HttpRequest request = requestFactory.build(body);
    try {
      requests.execute(() -> call(client, request, d));
      return true;
    } catch (RejectedExecutionException e) {
      return false; // only after close(), which has settled this event already
    }
  }

  /**
   * On a request thread: one blocking exchange, then its verdict. Whatever is thrown, an Error
   * included, the event is settled and its in-flight slot freed.
   */
  private void call(HttpClient client, HttpRequest request, Delivery d) {
    boolean handedOver = false;
    try {
      if (d.isSettled()) {
        return; // settled as shutdown while waiting for this thread: do not send it
      }
      long start = System.nanoTime();
      Verdict v = exchange(client, request, start);
      long end = System.nanoTime();
      limit.onSample(end, end - start, pipeline.hasBacklog(), signalOf(v));
      circuitSample(v, end);
      observation.exchange(v, d, start); // before handle(): recorded before the event settles
      handedOver = handle(d, v, start);
    } catch (Throwable t) {
      settleFailed(d, t);
    } finally {
      if (!handedOver) {
        pipeline.done(d);
      }
    }
  }

  /**
   * One exchange and what it means. One deadline, {@code requestTimeout} from now, covers it all:
   * the JDK's request timeout the headers, {@link BoundedBody} the body.
   */
  private Verdict exchange(HttpClient client, HttpRequest request, long start) {
    long deadline = start + requestTimeoutNanos;
    try {
      HttpResponse<BoundedBody.Content> response =
          client.send(request, BoundedBody.handler(MAX_BODY_BYTES, deadline, retryScheduler));
      BoundedBody.Content body = response.body();
      return ResponseClassifier.classify( // no body: a proxy's refusal of a CONNECT
          response.statusCode(),
          response.headers(),
          body == null ? null : body.bytes(),
          body != null && body.truncated());
    } catch (InterruptedException e) {
      // close() gave up on this request; the event is settled as shutdown already.
      Thread.currentThread().interrupt();
      return ResponseClassifier.classify(null, e);
    } catch (IOException | RuntimeException e) {
      return ResponseClassifier.classify(null, e);
    }
  }

  /** What an answer says about the endpoint as a whole, for the circuit. */
  private void circuitSample(Verdict v, long end) {
    switch (v.kind()) {
      case DELIVERED, REJECTED -> pipeline.answered(end);
      case RETRY -> {
        if (!v.pauseAll()) { // a 429 pauses every send itself
          pipeline.failed(end, retryAfterNanos(v.retryAfter()));
        }
      }
      default -> {} // the request could not be made: nothing said about the endpoint
    }
  }

  /** What an answer says about the endpoint's load, for the adaptive limit. */
  private static ConcurrencyLimit.Signal signalOf(Verdict v) {
    return switch (v.kind()) {
      case DELIVERED, REJECTED -> ConcurrencyLimit.Signal.ANSWERED;
      case RETRY -> ConcurrencyLimit.Signal.OVERLOADED;
      default -> ConcurrencyLimit.Signal.NONE;
    };
  }

  /**
   * Acts on a verdict.
   *
   * @return whether the event now waits for a retry (out of flight: its slot is no longer ours)
   */
  private boolean handle(Delivery d, Verdict v, long start) {
    hooks.beforeHandling(d);
    switch (v.kind()) {
      case DELIVERED -> {
        if (v.unreadableSuccess()) {
          outcomes.problem(
              "unreadable-success:" + v.status(),
              "Optimove answered HTTP {} with a body that is not its success answer; the event"
                  + " counts as delivered, without a message id",
              v.status());
        }
        outcomes.delivered(d, v.messageId());
        return false;
      }
      case REJECTED -> {
        outcomes.rejected(d, v.reason(), v.message());
        return false;
      }
      case FAILED -> {
        outcomes.dropped(d, v.reason(), v.message());
        return false;
      }
      case RETRY -> {
        return retry(d, v, start);
      }
      default -> throw new IllegalStateException(v.kind().toString());
    }
  }

  /**
   * Schedules the next attempt, or settles the event if there is none.
   *
   * <p>Transport failures are retried until the event's age limit. Only a failure that may be the
   * event's own counts against {@code maxAttempts}: one that came while the endpoint answered other
   * requests (during this attempt, or within the backoff before it). A refusing, stalled or failing
   * endpoint answers nothing, so an outage of any length costs no event its attempts, and a 429
   * never does.
   *
   * @param start when this attempt's exchange began ({@link System#nanoTime()})
   * @return whether the event now waits for a retry
   */
  private boolean retry(Delivery d, Verdict v, long start) {
    if (d.isSettled()) {
      return false; // settled meanwhile (shutdown): nothing to retry
    }
    int attempts = d.attempts();
    long since = start - backoff.ceilingNanos(Math.max(1, attempts - 1));
    if (!v.pauseAll() && pipeline.answeredSince(since)) {
      int charges = d.charge();
      if (charges >= maxAttempts) {
        outcomes.dropped(
            d,
            Reasons.RETRIES_EXHAUSTED,
            "gave up after "
                + charges
                + " failed attempt(s) while the endpoint answered other requests; last problem: "
                + v.message());
        return false;
      }
    }
    long now = System.nanoTime();
    // While the endpoint fails as a whole, the circuit paces every send: no wait of its own.
    boolean paced = !v.pauseAll() && pipeline.endpointFailing();
    long delay = paced ? 0 : retryDelayNanos(v.retryAfter(), attempts);
    if (v.pauseAll()) {
      pipeline.pauseUntil(now + delay);
      outcomes.problem(
          "paused:" + v.reason(),
          "Optimove answered {} (too many requests): every send pauses for {} ms",
          v.reason(),
          TimeUnit.NANOSECONDS.toMillis(delay));
    } else {
      outcomes.problem(
          "retry:" + v.reason(),
          "Optimove request failed ({}); retrying with backoff",
          LogSafe.scrub(v.message(), d.event()));
    }
    if (delay > maxAgeNanos || now + delay - d.acceptedNanos() > maxAgeNanos) {
      outcomes.dropped(
          d,
          Reasons.EXPIRED,
          "the next attempt would come after " + ageSetting + "; last problem: " + v.message());
      return false;
    }
    if (paced) {
      // Stopped: close() settles it or keeps it in the spool.
      return pipeline.retryNow(d);
    }
    return pipeline.retryLater(d, delay, retryScheduler, t -> unscheduled(d, t));
  }

  /** Settles an event whose retry the timer refused (it was taken back out of the queue). */
  private void unscheduled(Delivery d, Throwable t) {
    if (t instanceof RejectedExecutionException) {
      outcomes.dropped(d, Reasons.SHUTDOWN, null);
    } else {
      settleFailed(d, t);
    }
  }

  /**
   * Settles an event whose handling threw, as {@code send_failed} with the cause described. Never
   * throws: if even that fails (no memory?), once more without a description.
   */
  private void settleFailed(Delivery d, Throwable t) {
    try {
      outcomes.dropped(d, Reasons.SEND_FAILED, ResponseClassifier.describe(t));
    } catch (Throwable again) {
      try {
        outcomes.dropped(d, Reasons.SEND_FAILED, null);
      } catch (Throwable ignored) {
        // Nothing more can be done here; the slot is freed by the caller all the same.
      }
    }
  }

  /** Logs a failure of a library thread, once at WARN per kind; never throws. */
  private void complain(String key, Throwable t) {
    try {
      outcomes.problem(
          key + ":" + t.getClass().getName(),
          "An Optimove delivery thread caught {}; it goes on",
          LogSafe.scrub(LogSafe.describe(t), null));
    } catch (Throwable ignored) {
      // Logging failed too: going on matters more than saying so.
    }
  }

  /**
   * The wait before the next attempt: the backoff, or the server's {@code Retry-After} (capped) if
   * that is longer. A floor, never a shortcut: {@code Retry-After: 0} or a date in the past must
   * not turn the retries into a burst.
   */
  private long retryDelayNanos(Duration retryAfter, int attempts) {
    return Math.max(retryAfterNanos(retryAfter), backoff.delayNanos(attempts));
  }

  /** The server's {@code Retry-After}, capped at {@code retryAfterCap}; 0 without one. */
  private long retryAfterNanos(Duration retryAfter) {
    return retryAfter == null
        ? 0
        : Math.max(0, Math.min(Durations.toNanosSaturated(retryAfter), retryAfterCapNanos));
  }

  /**
   * Stops the threads and releases the HTTP client, and returns once the sender thread, the request
   * threads, the HTTP client's threads and the retry scheduler's thread have ended, or {@code
   * bound} has passed. Exchanges still in flight are cut (their request threads are interrupted,
   * which cancels them). Call after {@link Pipeline#stop()} has handed every remaining event over.
   *
   * @param bound how long to wait, in all, for the threads to end
   */
  public void shutdown(Duration bound) {
    long deadline = System.nanoTime() + Durations.toNanosSaturated(bound);
    stopping = true;
    retryScheduler.shutdownNow();
    thread.interrupt();
    HttpClient client = http;
    http = null;
    if (client != null) {
      shutdownNowIfSupported(client);
    }
    requests.shutdownNow(); // interrupts request threads: an interrupted send cancels its exchange
    httpExecutor.shutdownNow();
    boolean ended = false;
    try {
      ended =
          awaitEnded(thread, deadline)
              && requestThreadFactory.awaitEnded(deadline)
              && httpThreadFactory.awaitEnded(deadline)
              && retryThreadFactory.awaitEnded(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!ended) {
      LOG.warn(
          "Some Optimove delivery threads were still running {} after close() stopped them; they"
              + " are daemon threads and end by themselves",
          bound);
    }
  }

  private static boolean awaitEnded(Thread t, long deadlineNanos) throws InterruptedException {
    if (t == Thread.currentThread()) {
      return true;
    }
    TimeUnit.NANOSECONDS.timedJoin(t, deadlineNanos - System.nanoTime());
    return !t.isAlive();
  }

  /** Java 21 added {@code HttpClient.shutdownNow()}; on 17 dropping the reference releases it. */
  private static void shutdownNowIfSupported(HttpClient client) {
    try {
      Method m = HttpClient.class.getMethod("shutdownNow");
      m.invoke(client);
    } catch (NoSuchMethodException e) {
      // Java 17-20: the client's selector thread (a daemon) ends once the client is unreachable.
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("HttpClient.shutdownNow() failed", e);
    }
  }

  /**
   * For tests: the request threads made so far that have not ended. Virtual ones do not show in
   * {@link Thread#getAllStackTraces()}.
   *
   * @return a new list
   */
  public java.util.List<Thread> requestThreads() {
    return requestThreadFactory.made();
  }

  /**
   * @return whether the sender thread is still running
   */
  public boolean isAlive() {
    return thread.isAlive();
  }
}
