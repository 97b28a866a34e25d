package dev.optievent.aspect;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.annotation.VisitorId;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Woven services whose customer or visitor ID is a number. */
class IdServices {

  record Account(Number id) {}

  @OptimoveEvent(name = "numeric_id")
  public void decimal(@CustomerId BigDecimal id, @EventParam("case") String label) {}

  @OptimoveEvent(name = "numeric_id")
  public void primitiveDouble(@CustomerId double id, @EventParam("case") String label) {}

  @OptimoveEvent(name = "numeric_id")
  public void primitiveFloat(@CustomerId float id, @EventParam("case") String label) {}

  @OptimoveEvent(name = "numeric_id")
  public void bigInteger(@CustomerId BigInteger id, @EventParam("case") String label) {}

  @OptimoveEvent(name = "numeric_id")
  public void boxedInteger(@CustomerId Integer id, @EventParam("case") String label) {}

  @OptimoveEvent(name = "numeric_id")
  public void anyValue(@CustomerId Object id, @EventParam("case") String label) {}

  @OptimoveEvent(name = "numeric_id")
  public void throughPath(
      @CustomerId(path = "id") Account account, @EventParam("case") String label) {}

  @OptimoveEvent(name = "numeric_visitor")
  public void visitor(@VisitorId Double id, @EventParam("case") String label) {}
}
