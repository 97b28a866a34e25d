package dev.optievent.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a value one parameter of the event's {@code context}.
 *
 * <p>On a method argument, the argument (or, with {@link #path()}, a property of it) is the value.
 * On the method itself (repeatable), the return value (or a property of it) is the value.
 *
 * <pre>{@code
 * @OptimoveEvent(name = "checkout_completed")
 * @EventParam(value = "order_id", path = "id")            // from the returned Order
 * public Order checkout(@CustomerId String customerId,
 *                       @EventParam(value = "total", path = "total") Cart cart,
 *                       @EventParam("currency") String currency) { ... }
 * }</pre>
 *
 * <p>Values map to Optimove's three parameter types: text ({@code CharSequence}, enums by name,
 * {@code UUID}, {@code char}, dates and times), number (every Java numeric type) and boolean.
 * {@code Optional} is unwrapped and a {@code null} value leaves the parameter out.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD})
@Repeatable(EventParams.class)
public @interface EventParam {

  /**
   * The Optimove parameter name, exactly as configured with Optimove. Case sensitive.
   *
   * @return the parameter name
   */
  String value();

  /**
   * An optional dotted path to a nested property of the annotated value: record components,
   * JavaBeans getters, public fields and {@code Map} keys, e.g. {@code "plan.name"}. Empty means
   * the value itself.
   *
   * @return the property path, or an empty string
   */
  String path() default "";
}
