package dev.optievent.sample;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Asynchronous work: the event is sent when the returned stage completes normally. */
public class LoyaltyService {

  /**
   * Awards loyalty points in the background.
   *
   * @param customerId the customer
   * @param points how many points
   * @return the new balance, once stored
   */
  @OptimoveEvent(name = "points_awarded")
  @EventParam("balance")
  public CompletionStage<Integer> award(
      @CustomerId String customerId, @EventParam("points") int points) {
    return CompletableFuture.supplyAsync(() -> 1000 + points);
  }
}
