package dev.optievent.benchmarks.services;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/**
 * A woven service whose first parameter is read through a nested {@code path} ({@code plan.name},
 * two accessors); {@link #subscribePlain} is the identical method without the annotation.
 */
public class Subscriptions {
  private Subscribe last;
  private int count;

  /** A plan. */
  public record Plan(String name, int seats) {}

  /** A subscription command. */
  public record Subscribe(String accountId, Plan plan) {}

  /**
   * Woven: reports {@code plan_subscribed} with {@code plan} read from {@code cmd.plan().name()}.
   *
   * @param cmd the command
   * @param channel where the subscription came from
   */
  @OptimoveEvent(name = "plan_subscribed")
  public void subscribe(
      @EventParam(value = "plan", path = "plan.name") Subscribe cmd,
      @EventParam("channel") String channel) {
    last = cmd;
    count += channel.length();
  }

  /**
   * The same body without the annotation.
   *
   * @param cmd the command
   * @param channel where the subscription came from
   */
  public void subscribePlain(Subscribe cmd, String channel) {
    last = cmd;
    count += channel.length();
  }

  /**
   * @return the state the bodies leave
   */
  public int state() {
    return count + (last == null ? 0 : 1);
  }
}
