package dev.optievent.sample;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checkouts: the customer comes from the request's {@code OptimoveContext} scope, the amounts from
 * properties of the cart argument, and the order ID from the return value.
 */
public class CheckoutService {
  private final AtomicInteger nextOrder = new AtomicInteger(5001);

  /**
   * Charges the cart and places the order.
   *
   * @param cart what is bought
   * @return the placed order
   * @throws PaymentDeclinedException if the payment fails (then no event is sent)
   */
  @OptimoveEvent(name = "checkout_completed")
  @EventParam(value = "order_id", path = "id")
  public Order checkout(
      @EventParam(value = "total", path = "total")
          @EventParam(value = "currency", path = "currency")
          Cart cart) {
    if (cart.total().compareTo(BigDecimal.ZERO) <= 0) {
      throw new PaymentDeclinedException("nothing to charge");
    }
    return new Order("ord-" + nextOrder.getAndIncrement());
  }
}
