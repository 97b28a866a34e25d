package dev.optievent.outbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The outbox on the application's dashboards (Micrometer): the backlog, its oldest row's age, the
 * blocked rows, and this instance's claims and expired rows. The gauges show what the relay last
 * read (every few seconds): a scrape never queries the database. With Spring Boot and Micrometer,
 * the auto-configuration makes this a bean, which Boot binds to the application's registries.
 *
 * <pre>{@code
 * new OptimoveOutboxMetrics(outbox).bindTo(registry);
 * }</pre>
 */
public final class OptimoveOutboxMetrics implements MeterBinder {
  private final OptimoveOutbox outbox;

  /**
   * @param outbox the outbox to show
   */
  public OptimoveOutboxMetrics(OptimoveOutbox outbox) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("optimove.outbox.backlog", outbox, OptimoveOutbox::backlogRows)
        .description("Outbox rows waiting to be delivered, all instances together (capped)")
        .baseUnit("rows")
        .register(registry);
    Gauge.builder("optimove.outbox.blocked", outbox, OptimoveOutbox::blockedRows)
        .description("Outbox rows Optimove refused, kept with its answer")
        .baseUnit("rows")
        .register(registry);
    TimeGauge.builder(
            "optimove.outbox.oldest.age",
            outbox,
            TimeUnit.MILLISECONDS,
            o -> o.oldestRowAge().toMillis())
        .description("Age of the oldest outbox row waiting to be delivered")
        .register(registry);
    FunctionCounter.builder("optimove.outbox.claimed", outbox, OptimoveOutbox::claimedRows)
        .description("Outbox rows this instance's relay claimed")
        .baseUnit("rows")
        .register(registry);
    FunctionCounter.builder("optimove.outbox.expired", outbox, OptimoveOutbox::expiredRows)
        .description("Outbox rows deleted undelivered because they grew older than max-age")
        .baseUnit("rows")
        .register(registry);
  }
}
