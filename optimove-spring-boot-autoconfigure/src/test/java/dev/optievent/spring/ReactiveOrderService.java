package dev.optievent.spring;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Orders whose work is a Mono or a Flux: proxied in one implementation, woven in the other. */
public interface ReactiveOrderService {
  /** What an order's work completes with. */
  record Receipt(String orderId, int total) {}

  /**
   * Reported when {@code work} completes, with the receipt's properties.
   *
   * @param customer who orders
   * @param work the order's work
   * @return {@code work}
   */
  Mono<Receipt> place(String customer, Mono<Receipt> work);

  /**
   * Reported when {@code rows} completes.
   *
   * @param customer who exports
   * @param rows the export
   * @return {@code rows}
   */
  Flux<String> export(String customer, Flux<String> rows);
}
