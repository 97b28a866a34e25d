package dev.optievent.spring;

import dev.optievent.client.ClientStats;
import dev.optievent.client.OptimoveClient;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code optimove} health contributor. An outage (events waiting, retried or dropped, and no
 * delivery for {@code outageAfter}) is a detail, not {@code DOWN}, unless asked: a dead analytics
 * endpoint should not take the application out of its load balancer.
 */
final class OptimoveHealthIndicator extends AbstractHealthIndicator {
  private final OptimoveClient client;
  private final DeliveryTracker tracker;
  private final boolean downOnOutage;
  private final Duration outageAfter;

  OptimoveHealthIndicator(OptimoveClient client, boolean downOnOutage, Duration outageAfter) {
    super("Optimove health check failed");
    this.client = client;
    this.tracker = new DeliveryTracker(Instant.now());
    this.downOnOutage = downOnOutage;
    this.outageAfter = outageAfter;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    ClientStats stats = client.stats();
    tracker.observe(stats.delivered(), Instant.now());
    Instant last = tracker.lastDelivered();
    boolean outage =
        stats.pending() > 0
            && (stats.retries() > 0 || stats.dropped() > 0)
            && tracker.lastDeliveredOrStart().plus(outageAfter).isBefore(Instant.now());
    if (client.isClosed() || (outage && downOnOutage)) {
      builder.down();
    } else {
      builder.up();
    }
    builder
        .withDetail("accepted", stats.accepted())
        .withDetail("delivered", stats.delivered())
        .withDetail("rejected", stats.rejected())
        .withDetail("dropped", stats.dropped())
        .withDetail("pending", stats.pending())
        .withDetail("retries", stats.retries())
        .withDetail("rolledBack", stats.rolledBack())
        .withDetail("lastSuccess", last == null ? "never" : last.toString())
        .withDetail("outage", outage);
  }
}
