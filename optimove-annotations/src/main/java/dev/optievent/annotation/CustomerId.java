package dev.optievent.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the argument that holds the Optimove customer ID (the same ID your daily customer data
 * uses). With {@link #path()}, the ID is a property of the argument.
 *
 * <p>When no argument carries the ID, it comes from the current {@code
 * dev.optievent.aspect.OptimoveContext} scope, then from a bound {@code CustomerIdResolver}.
 * Optimove takes either a customer or a visitor, never both: when both are known, only the customer
 * is sent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CustomerId {

  /**
   * An optional dotted path to the property of the argument that holds the ID, e.g. {@code
   * "customer.id"}. Empty means the argument itself.
   *
   * @return the property path, or an empty string
   */
  String path() default "";
}
