package dev.optievent.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Container for several {@link EventParam} annotations on one method (taken from the return value)
 * or one argument (several properties of it). Written by the compiler when {@code @EventParam} is
 * repeated; you rarely write it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER})
public @interface EventParams {

  /**
   * The repeated parameters.
   *
   * @return the parameters taken from the return value
   */
  EventParam[] value();
}
