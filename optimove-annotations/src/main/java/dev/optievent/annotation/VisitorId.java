package dev.optievent.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the argument that holds the Optimove visitor ID, for events of people who are not (yet)
 * known customers. With {@link #path()}, the ID is a property of the argument.
 *
 * <p>A visitor ID is sent only when no customer ID is known for the call: Optimove takes either a
 * customer or a visitor, never both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface VisitorId {

  /**
   * An optional dotted path to the property of the argument that holds the ID. Empty means the
   * argument itself.
   *
   * @return the property path, or an empty string
   */
  String path() default "";
}
