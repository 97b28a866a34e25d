package dev.optievent.benchmarks.services;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import reactor.core.publisher.Mono;

/**
 * A woven service whose work is a {@code Mono}: {@link #place} reports {@code order_placed} when
 * its Mono completes, with an argument and the completed value as parameters; {@link #placePlain}
 * is the identical method without the annotation, the baseline.
 */
public class ReactiveOrders {

  /**
   * Woven: reported when the returned Mono completes.
   *
   * @param sku what is ordered
   * @param total the order's total, which the Mono completes with
   * @return the total
   */
  @OptimoveEvent(name = "order_placed")
  @EventParam("total")
  public Mono<Integer> place(@EventParam("sku") String sku, int total) {
    return Mono.just(total);
  }

  /**
   * The same body without the annotation.
   *
   * @param sku what is ordered
   * @param total the order's total
   * @return the total
   */
  public Mono<Integer> placePlain(String sku, int total) {
    return Mono.just(total);
  }
}
