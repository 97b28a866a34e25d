package dev.optievent.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose successful return is reported to Optimove as one event.
 *
 * <p>The event is sent asynchronously, after the method returns normally. If the method throws,
 * nothing is sent and the exception reaches the caller unchanged. If the method's declared return
 * type is a {@code CompletionStage}, the event is sent when the stage completes normally. Inside a
 * transaction, the Spring Boot starter sends it only once the transaction commits (see {@link
 * #afterCommit()}).
 *
 * <pre>{@code
 * @OptimoveEvent(name = "newsletter_signup")
 * public void signUp(@CustomerId String customerId,
 *                    @EventParam("email") String email,
 *                    @EventParam("opt_in") boolean optIn) { ... }
 * }</pre>
 *
 * <p>The method only reports when the {@code optimove-aspect} library is woven into the class that
 * declares it (compile-time weaving with the aspectj-maven-plugin; see docs/weaving.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OptimoveEvent {

  /**
   * The Optimove event key, exactly as configured with Optimove for your tenant. Case sensitive: it
   * is sent as written, never rewritten.
   *
   * @return the event key
   */
  String name();

  /**
   * Whether the event waits for the commit of the transaction the method returned in.
   *
   * <p>{@code true}, the default: with the Spring Boot starter, a method that returns inside a
   * Spring-managed transaction has its event (identity, values and timestamp read at the return)
   * held with the transaction and sent after it commits; if it rolls back, nothing is sent. Set it
   * to {@code false} for an event that reports an attempt rather than its outcome ({@code
   * login_attempted}): it is then sent when the method returns, whether or not the transaction
   * commits later. Outside a transaction, or without the starter, both send at the return.
   *
   * @return whether to wait for the transaction's commit
   */
  boolean afterCommit() default true;
}
