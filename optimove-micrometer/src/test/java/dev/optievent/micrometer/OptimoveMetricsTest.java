package dev.optievent.micrometer;

import static dev.optievent.micrometer.Fixture.event;
import static dev.optievent.micrometer.Fixture.flushed;
import static dev.optievent.micrometer.Fixture.invalidCustomer;
import static dev.optievent.micrometer.Fixture.sendSettled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.client.ClientStats;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.client.Reasons;
import dev.optievent.client.TestEndpoint;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every meter, with exact counts, through real HTTP against the fake endpoint and its scripted
 * faults.
 */
class OptimoveMetricsTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** The expiring event's age limit: every other event settles well within it. */
  private static final Duration EVENT_AGE = Duration.ofSeconds(1);

  private OptimoveClient client(UnaryOperator<OptimoveConfig.Builder> settings) {
    client = endpoint.client(settings.apply(endpoint.config()).build());
    return client;
  }

  /**
   * One event at a time, each settled before the next: a 503 then delivered; a 429 then delivered;
   * refused by Optimove (HTTP 200, "status":"error"); refused with HTTP 400; refused and dropped on
   * the calling thread; a 503 for every attempt until maxEventAge (given up as expired).
   */
  private ClientStats sendEveryKindOfOutcome() {
    server.script(Fault.status(503));
    sendSettled(client, event("order_placed"));
    server.script(Fault.retryAfterSeconds(429, 0));
    sendSettled(client, event("order_placed"));
    server.script(Fault.errorStatus("unknown parameter"));
    sendSettled(client, event("newsletter_signup"));
    server.script(Fault.malformedBody(400, "bad request"));
    sendSettled(client, event("newsletter_signup"));
    sendSettled(client, invalidCustomer("order_placed"));
    sendSettled(client, Event.builder("order_placed").build()); // no identity
    server.failEvent("payment_failed", Fault.status(503));
    sendSettled(client, event("payment_failed"));
    return client.stats();
  }

  private double events(String outcome, String reason) {
    return registry
        .get(Binding.EVENTS)
        .tag("outcome", outcome)
        .tag("reason", reason)
        .functionCounter()
        .count();
  }

  private Map<String, Long> requestCounts() {
    return registry.get(Binding.REQUESTS).timers().stream()
        .collect(
            Collectors.toMap(
                t -> t.getId().getTag("status") + " " + t.getId().getTag("outcome"), Timer::count));
  }

  private Map<String, Long> latencyCounts() {
    return registry.get(Binding.LATENCY).timers().stream()
        .collect(Collectors.toMap(t -> t.getId().getTag("outcome"), Timer::count));
  }

  @Test
  void countsEveryOutcomeAndReasonExactlyAsStatsDo() {
    client(b -> b.maxAttempts(1_000).maxEventAge(EVENT_AGE));
    new OptimoveMetrics(client).bindTo(registry);

    ClientStats stats = sendEveryKindOfOutcome();

    assertThat(events("accepted", "none")).isEqualTo(7).isEqualTo(stats.accepted());
    assertThat(events("delivered", "none")).isEqualTo(2).isEqualTo(stats.delivered());
    assertThat(events("rejected", Reasons.SERVER_ERROR)).isEqualTo(1);
    assertThat(events("rejected", "http_400")).isEqualTo(1);
    assertThat(events("rejected", Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
    assertThat(events("dropped", Reasons.NO_IDENTITY)).isEqualTo(1);
    assertThat(events("dropped", Reasons.EXPIRED)).isEqualTo(1);
    stats
        .rejectedByReason()
        .forEach((r, n) -> assertThat(events("rejected", r)).isEqualTo(n.doubleValue()));
    stats
        .droppedByReason()
        .forEach((r, n) -> assertThat(events("dropped", r)).isEqualTo(n.doubleValue()));
    // No counter for a reason that never occurred (rolled_back and returned are fixed, as
    // accepted is).
    assertThat(registry.find(Binding.EVENTS).functionCounters()).hasSize(9);
    assertThat(registry.get(Binding.RETRIES).functionCounter().count())
        .isGreaterThanOrEqualTo(3)
        .isEqualTo(stats.retries());
  }

  @Test
  void countsEventsOfRolledBackTransactionsUnderTheirOwnOutcomeNotAsDrops() {
    client(b -> b);
    new OptimoveMetrics(client).bindTo(registry);

    ClientAccess.get().rolledBack(client);
    ClientAccess.get().rolledBack(client);

    assertThat(events(Reasons.ROLLED_BACK, Reasons.ROLLED_BACK))
        .isEqualTo(2)
        .isEqualTo(client.stats().rolledBack());
    assertThat(registry.find(Binding.EVENTS).tag("outcome", "dropped").functionCounters())
        .isEmpty();
    assertThat(events("accepted", "none")).isZero();
  }

  @Test
  void timesEachExchangeByStatusAndOutcome() {
    client(b -> b.maxAttempts(1_000).maxEventAge(EVENT_AGE));
    new OptimoveMetrics(client).bindTo(registry);

    sendEveryKindOfOutcome();

    Map<String, Long> counts = requestCounts();
    // One 503 before a delivery, then the expiring event's: at least two before it expired.
    long failed = counts.getOrDefault("503 SERVER_ERROR", 0L);
    assertThat(failed).isGreaterThanOrEqualTo(3);
    assertThat(counts)
        .containsOnly(
            Map.entry("503 SERVER_ERROR", failed),
            Map.entry("429 RATE_LIMITED", 1L),
            Map.entry("200 SUCCESS", 3L), // two deliveries and the "status":"error" refusal
            Map.entry("400 CLIENT_ERROR", 1L));
    assertThat(server.requestCount()).isEqualTo(5 + failed);
    assertThat(registry.get(Binding.REQUESTS).timers())
        .allSatisfy(t -> assertThat(t.totalTime(TimeUnit.NANOSECONDS)).isPositive());
  }

  @Test
  void timesEachQueuedEventFromAcceptanceToItsOutcome() {
    client(b -> b.maxAttempts(1_000).maxEventAge(EVENT_AGE));
    new OptimoveMetrics(client).bindTo(registry);

    sendEveryKindOfOutcome();

    // The two events refused on the calling thread never waited: counted, not timed.
    assertThat(latencyCounts())
        .containsOnly(
            Map.entry("delivered", 2L), Map.entry("rejected", 2L), Map.entry("dropped", 1L));
    // Each queued event waited at least as long as its own exchanges took, so the time from
    // acceptance to outcome sums to no less than all exchanges together.
    double waited =
        registry.get(Binding.LATENCY).timers().stream()
            .mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS))
            .sum();
    double exchanging =
        registry.get(Binding.REQUESTS).timers().stream()
            .mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS))
            .sum();
    assertThat(exchanging).isPositive();
    assertThat(waited).isGreaterThanOrEqualTo(exchanging);
  }

  @Test
  void aTimeoutAndACutConnectionAreTaggedWithoutAStatus() {
    client(b -> b.requestTimeout(Duration.ofMillis(300)));
    new OptimoveMetrics(client).bindTo(registry);
    server.script(Fault.delay(Duration.ofSeconds(2)), Fault.disconnect());

    sendSettled(client, event("order_placed"));

    assertThat(requestCounts())
        .containsOnly(
            Map.entry("TIMEOUT UNKNOWN", 1L),
            Map.entry("IO_ERROR UNKNOWN", 1L),
            Map.entry("200 SUCCESS", 1L));
    assertThat(registry.get(Binding.RETRIES).functionCounter().count()).isEqualTo(2);
  }

  @Test
  void gaugesShowTheQueueAndTheRequestsInFlight() {
    client(b -> b.queueCapacity(50).maxInFlight(2));
    new OptimoveMetrics(client).bindTo(registry);
    server.setResponseDelay(Duration.ofMillis(500));

    for (int i = 0; i < 5; i++) {
      client.send(event("order_placed"));
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(gauge(Binding.ACTIVE_REQUESTS)).isEqualTo(2);
              assertThat(gauge(Binding.QUEUE_SIZE)).isEqualTo(3);
            });
    assertThat(gauge(Binding.PENDING)).isEqualTo(5);
    assertThat(gauge(Binding.QUEUE_CAPACITY)).isEqualTo(50);

    flushed(client);
    assertThat(gauge(Binding.ACTIVE_REQUESTS)).isZero();
    assertThat(gauge(Binding.QUEUE_SIZE)).isZero();
    assertThat(gauge(Binding.PENDING)).isZero();
    assertThat(events("delivered", "none")).isEqualTo(5);
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void aReasonGetsItsCounterWhenTheClientFirstCountsIt() {
    client(b -> b);
    new OptimoveMetrics(client).bindTo(registry);
    assertThat(registry.find(Binding.EVENTS).tag("outcome", "dropped").meters()).isEmpty();

    client.send(Event.builder("order_placed").build()); // no identity: dropped on this thread

    assertThat(events("dropped", Reasons.NO_IDENTITY)).isEqualTo(1);
    client.send(Event.builder("order_placed").build());
    assertThat(events("dropped", Reasons.NO_IDENTITY)).isEqualTo(2);
  }

  @Test
  void reasonsCountedBeforeBindingAreRegisteredByBindTo() {
    client(b -> b);
    server.script(Fault.errorStatus("no"));
    sendSettled(client, event("order_placed"));
    client.send(invalidCustomer("order_placed"));

    new OptimoveMetrics(client).bindTo(registry);

    assertThat(events("rejected", Reasons.SERVER_ERROR)).isEqualTo(1);
    assertThat(events("rejected", Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
    assertThat(events("accepted", "none")).isEqualTo(2);
  }

  @Test
  void theEventTagIsOffByDefault() {
    client(b -> b);
    new OptimoveMetrics(client).bindTo(registry);

    sendSettled(client, event("order_placed"));

    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(m.getId().getTag("event")).isNull());
  }

  @Test
  void theEventTagGoesOnTheTimersOnlyWhenSwitchedOn() {
    client(b -> b);
    new OptimoveMetrics(client).withEventTag(true).bindTo(registry);

    sendSettled(client, event("order_placed"));
    sendSettled(client, event("order_placed"));
    sendSettled(client, event("newsletter_signup"));

    assertThat(registry.get(Binding.REQUESTS).tag("event", "order_placed").timer().count())
        .isEqualTo(2);
    assertThat(registry.get(Binding.LATENCY).tag("event", "newsletter_signup").timer().count())
        .isEqualTo(1);
    assertThat(registry.get(Binding.EVENTS).functionCounters())
        .allSatisfy(c -> assertThat(c.getId().getTag("event")).isNull());
  }

  @Test
  void extraTagsGoOnEveryMeter() {
    client(b -> b);
    new OptimoveMetrics(client, Tags.of("client", "billing")).bindTo(registry);
    server.script(Fault.errorStatus("no"));

    sendSettled(client, event("order_placed"));
    sendSettled(client, event("order_placed"));

    assertThat(registry.getMeters()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(m.getId().getTags()).contains(Tag.of("client", "billing")));
  }

  @Test
  void twoRegistriesRecordTheSameAndASecondBindingOfOneRegistryChangesNothing() {
    client(b -> b);
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    OptimoveMetrics metrics = new OptimoveMetrics(client);
    metrics.bindTo(registry);
    metrics.bindTo(other);
    metrics.bindTo(registry);

    sendSettled(client, event("order_placed"));
    client.send(invalidCustomer("order_placed"));

    for (MeterRegistry r : new MeterRegistry[] {registry, other}) {
      assertThat(r.get(Binding.REQUESTS).timer().count()).isEqualTo(1);
      assertThat(r.get(Binding.LATENCY).timer().count()).isEqualTo(1);
      assertThat(
              r.get(Binding.EVENTS)
                  .tag("reason", Reasons.INVALID_CUSTOMER_ID)
                  .functionCounter()
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void aRegistryThatThrowsStopsNeitherDeliveryNorTheOtherRegistries() {
    client(b -> b);
    SimpleMeterRegistry broken = new SimpleMeterRegistry();
    broken
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                if (id.getName().equals(Binding.REQUESTS) || id.getName().equals(Binding.LATENCY)) {
                  throw new IllegalStateException("registry broke");
                }
                return id;
              }
            });
    OptimoveMetrics metrics = new OptimoveMetrics(client);
    metrics.bindTo(broken);
    metrics.bindTo(registry);

    for (int i = 0; i < 3; i++) {
      assertThat(client.send(event("order_placed"))).isTrue();
    }

    assertThat(flushed(client).delivered()).isEqualTo(3);
    assertThat(server.acceptedCount()).isEqualTo(3);
    assertThat(broken.get(Binding.EVENTS).tag("outcome", "delivered").functionCounter().count())
        .isEqualTo(3);
    assertThat(registry.get(Binding.REQUESTS).timer().count()).isEqualTo(3);
    assertThat(registry.get(Binding.LATENCY).timer().count()).isEqualTo(3);
  }
}
