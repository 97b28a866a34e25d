package dev.optievent.micrometer;

import dev.optievent.client.Reasons;
import dev.optievent.client.internal.ClientCounters;
import dev.optievent.client.internal.DeliveryObserver.Outcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

/**
 * One client's meters in one registry. The counters and gauges read the client when the registry
 * asks; the timers are found (registered on first use, then cached) and recorded on the client's
 * delivery threads.
 */
final class Binding {
  static final String EVENTS = "optimove.events";
  static final String PENDING = "optimove.events.pending";
  static final String QUEUE_SIZE = "optimove.queue.size";
  static final String QUEUE_CAPACITY = "optimove.queue.capacity";
  static final String ACTIVE_REQUESTS = "optimove.requests.active";
  static final String RETRIES = "optimove.retries";
  static final String REQUESTS = "optimove.requests";
  static final String LATENCY = "optimove.delivery.latency";

  /** The {@code reason} of the outcomes that have none (accepted, delivered). */
  static final String NO_REASON = "none";

  /** Histogram buckets of one exchange: the default request timeout is 10 s. */
  static final Duration[] REQUEST_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  /** Histogram buckets from acceptance to outcome: up to the default maxEventAge, 10 minutes. */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10)
  };

  private final MeterRegistry registry;
  private final Tags tags;
  private final ClientCounters counters;
  private final EventKeys eventKeys; // null: no event tag

  // Micrometer's providers find or register a timer by its tags (the registry returns the one it
  // has). Without the event tag a timer is also kept by index, so that recording allocates nothing
  // (close() records every event it gives up); a race registers a timer twice: the registry returns
  // the same one.
  private final Meter.MeterProvider<Timer> requestTimers;
  private final Meter.MeterProvider<Timer> latencyTimers;
  private final AtomicReferenceArray<Timer> requestTimerByCode =
      new AtomicReferenceArray<>(StatusCodes.TIMEOUT_INDEX + 1);
  private final AtomicReferenceArray<Timer> latencyTimerByOutcome =
      new AtomicReferenceArray<>(Outcome.values().length);

  /** The codes of an exchange that had no answer, and where each kind is kept by index. */
  private static final class StatusCodes {
    static final int TIMEOUT = -1;
    static final int IO = 0;

    /** Where {@link #TIMEOUT} is kept in an array indexed by status (1 to 599; 0 is IO). */
    static final int TIMEOUT_INDEX = 600;

    private StatusCodes() {}
  }

  /**
   * @param registry where the meters go
   * @param tags the extra tags of every meter
   * @param counters the client's counters
   * @param eventKeys the event tag's values, or {@code null} for no event tag
   */
  Binding(MeterRegistry registry, Tags tags, ClientCounters counters, EventKeys eventKeys) {
    this.registry = registry;
    this.tags = tags;
    this.counters = counters;
    this.eventKeys = eventKeys;
    this.requestTimers =
        Timer.builder(REQUESTS)
            .description("HTTP exchanges with Optimove, request to the last byte of the answer")
            .tags(tags)
            .serviceLevelObjectives(REQUEST_BUCKETS)
            .withRegistry(registry);
    this.latencyTimers =
        Timer.builder(LATENCY)
            .description("From an event's acceptance by send() to its delivery, rejection or drop")
            .tags(tags)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .withRegistry(registry);
  }

  MeterRegistry registry() {
    return registry;
  }

  /** Every meter that exists from the start: all but the reasons' counters and the timers. */
  void registerFixedMeters() {
    eventCounter("accepted", NO_REASON, ClientCounters::accepted);
    eventCounter("delivered", NO_REASON, ClientCounters::delivered);
    // Not a drop (the drop alert must not see it), and outside accepted: its own outcome.
    eventCounter(Reasons.ROLLED_BACK, Reasons.ROLLED_BACK, ClientCounters::rolledBack);
    // Given back undelivered to the outbox that keeps them: not lost, so not a drop either.
    eventCounter("returned", NO_REASON, ClientCounters::returned);
    FunctionCounter.builder(RETRIES, counters, ClientCounters::retries)
        .description("Retry attempts: requests sent again after a failed attempt")
        .tags(tags)
        .register(registry);
    gauge(
        PENDING,
        "events",
        "Accepted events not settled yet: queued, in flight or waiting for a retry",
        ClientCounters::pending);
    gauge(
        QUEUE_SIZE,
        "events",
        "Events held waiting to be sent: new, due and waiting for a retry",
        ClientCounters::queueSize);
    gauge(
        QUEUE_CAPACITY,
        "events",
        "The most events the queue holds (queueCapacity)",
        ClientCounters::queueCapacity);
    gauge(ACTIVE_REQUESTS, "requests", "Requests in flight", ClientCounters::activeRequests);
  }

  /** The counter of a reason the client counted for the first time. */
  void reasonAppeared(Outcome outcome, String reason) {
    if (outcome == Outcome.REJECTED) {
      eventCounter("rejected", reason, c -> c.rejected(reason));
    } else if (outcome == Outcome.DROPPED) {
      eventCounter("dropped", reason, c -> c.dropped(reason));
    }
  }

  private void eventCounter(String outcome, String reason, ToDoubleFunction<ClientCounters> read) {
    FunctionCounter.builder(EVENTS, counters, read)
        .description("Events handed to the client, and how each ended")
        .baseUnit("events")
        .tags(tags)
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }

  private void gauge(
      String name, String unit, String description, ToDoubleFunction<ClientCounters> read) {
    Gauge.builder(name, counters, read)
        .description(description)
        .baseUnit(unit)
        .tags(tags)
        .register(registry);
  }

  /** Records one exchange (on a request thread). */
  void exchange(int status, boolean timedOut, String eventKey, long nanos) {
    int code = status > 0 ? status : timedOut ? StatusCodes.TIMEOUT : StatusCodes.IO;
    // IO_ERROR at 0, a status at its code, TIMEOUT at 600; a status past 599 (none is defined) is
    // not kept by index.
    int index =
        code == StatusCodes.TIMEOUT
            ? StatusCodes.TIMEOUT_INDEX
            : code < StatusCodes.TIMEOUT_INDEX ? code : -1;
    Timer timer = eventKeys == null && index >= 0 ? requestTimerByCode.get(index) : null;
    if (timer == null) {
      timer = requestTimer(code, eventTag(eventKey));
      if (eventKeys == null && index >= 0) {
        requestTimerByCode.set(index, timer);
      }
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer requestTimer(int code, String event) {
    Tags t = Tags.of("status", statusTag(code), "outcome", outcomeTag(code));
    return requestTimers.withTags(event == null ? t : t.and("event", event));
  }

  /** Records one queued event's settling (on a delivery thread, or the closing thread). */
  void settled(Outcome outcome, String eventKey, long nanosSinceAccepted) {
    Timer timer = eventKeys == null ? latencyTimerByOutcome.get(outcome.ordinal()) : null;
    if (timer == null) {
      Tags t = Tags.of("outcome", outcome.name().toLowerCase(Locale.ROOT));
      timer = latencyTimers.withTags(eventKeys == null ? t : t.and("event", eventTag(eventKey)));
      if (eventKeys == null) {
        latencyTimerByOutcome.set(outcome.ordinal(), timer);
      }
    }
    timer.record(nanosSinceAccepted, TimeUnit.NANOSECONDS);
  }

  private String eventTag(String eventKey) {
    return eventKeys == null ? null : eventKeys.tagValue(eventKey);
  }

  /** The {@code status} tag: the HTTP status, or TIMEOUT / IO_ERROR when no answer came. */
  static String statusTag(int code) {
    if (code == StatusCodes.TIMEOUT) {
      return "TIMEOUT";
    }
    if (code == StatusCodes.IO) {
      return "IO_ERROR";
    }
    return Integer.toString(code);
  }

  /**
   * The {@code outcome} tag, by the HTTP status alone (whether Optimove took the event is in {@code
   * optimove.events}: a 200 can carry its refusal).
   */
  static String outcomeTag(int code) {
    if (code >= 200 && code < 300) {
      return "SUCCESS";
    }
    if (code == 429) {
      return "RATE_LIMITED";
    }
    if (code >= 400 && code < 500) {
      return "CLIENT_ERROR";
    }
    if (code >= 500 && code < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN"; // no answer (a timeout, a cut connection), or a 1xx / 3xx
  }
}
