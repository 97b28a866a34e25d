package dev.optievent.outbox;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code optimoveOutbox} health contributor: the rows waiting in the outbox, the refused ones,
 * the oldest one's age, and this instance's claims. A backlog is a detail, never {@code DOWN}: the
 * rows are safe in the database, and taking the application out of its load balancer would not
 * deliver them sooner. It shows what the relay last read (every few seconds), so a health check
 * never queries the database.
 */
final class OptimoveOutboxHealthIndicator extends AbstractHealthIndicator {
  private final OptimoveOutbox outbox;

  OptimoveOutboxHealthIndicator(OptimoveOutbox outbox) {
    super("Optimove outbox health check failed");
    this.outbox = outbox;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder
        .up()
        .withDetail("backlog", outbox.backlogRows())
        .withDetail("blocked", outbox.blockedRows())
        .withDetail("oldestRowAge", outbox.oldestRowAge().toString())
        .withDetail("inFlight", outbox.inFlightRows())
        .withDetail("claimed", outbox.claimedRows())
        .withDetail("expired", outbox.expiredRows());
  }
}
