package dev.optievent.spring.woven;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.spring.ReactiveOrderService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Compiled by ajc with the aspect, and proxied as a bean: each call must be reported once. */
public class WovenReactiveOrders implements ReactiveOrderService {
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
