package dev.optievent.spring.woven;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compiled by ajc with the aspect, and made with {@code new} (no proxy): a shop whose calls name no
 * customer, so the customer comes from the request's reactive security context.
 */
public class WovenReactiveShop {
  /**
   * An order whose work completes after {@code delayMillis}.
   *
   * @param sku what is ordered
   * @param delayMillis how long the work takes
   * @return the order's receipt, as {@code sku:total}
   */
  @OptimoveEvent(name = "order_placed")
  @EventParam(value = "receipt")
  public Mono<String> place(@EventParam("sku") String sku, long delayMillis) {
    return Mono.delay(Duration.ofMillis(delayMillis)).map(tick -> sku + ":woven");
  }

  /**
   * An export of {@code rows} rows.
   *
   * @param rows how many rows
   * @return the rows
   */
  @OptimoveEvent(name = "orders_exported")
  public Flux<String> export(@EventParam("rows") int rows) {
    return Flux.range(1, rows).map(i -> "row-" + i);
  }
}
