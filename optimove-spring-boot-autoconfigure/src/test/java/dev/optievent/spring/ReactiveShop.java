package dev.optievent.spring;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Not woven: a bean reported through the starter's proxy. Its calls name no customer. */
public class ReactiveShop {
  /**
   * An order whose work completes after {@code delayMillis}, or fails for the SKU "broken".
   *
   * @param sku what is ordered
   * @param delayMillis how long the work takes
   * @return the order's receipt, as {@code sku:total}
   */
  @OptimoveEvent(name = "order_placed")
  @EventParam(value = "receipt")
  public Mono<String> place(@EventParam("sku") String sku, long delayMillis) {
    return Mono.delay(Duration.ofMillis(delayMillis))
        .map(
            tick -> {
              if (sku.equals("broken")) {
                throw new IllegalStateException("out of stock");
              }
              return sku + ":proxied";
            });
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
