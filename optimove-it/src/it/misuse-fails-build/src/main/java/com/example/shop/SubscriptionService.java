package com.example.shop;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/** Two misuses the processor must refuse: a path that does not exist, an interface method. */
public class SubscriptionService implements Subscriptions {

  public record Plan(String name, int seats) {}

  @OptimoveEvent(name = "plan_chosen")
  public void choose(@CustomerId String customerId,
                     @EventParam(value = "plan", path = "title") Plan plan) {
  }

  @Override
  public void cancel(String customerId) {
  }
}

interface Subscriptions {
  @OptimoveEvent(name = "plan_cancelled")
  void cancel(@CustomerId String customerId);
}
