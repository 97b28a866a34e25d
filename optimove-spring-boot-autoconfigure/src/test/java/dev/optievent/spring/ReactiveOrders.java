package dev.optievent.spring;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Not woven: reported through the starter's proxy. */
public class ReactiveOrders implements ReactiveOrderService {
  @Override
  @OptimoveEvent(name = "order_placed")
  @EventParam(value = "order_id", path = "orderId")
  @EventParam(value = "total", path = "total")
  public Mono<Receipt> place(@CustomerId String customer, Mono<Receipt> work) {
    return work;
  }

  @Override
  @OptimoveEvent(name = "orders_exported")
  public Flux<String> export(@CustomerId String customer, Flux<String> rows) {
    return rows;
  }
}
