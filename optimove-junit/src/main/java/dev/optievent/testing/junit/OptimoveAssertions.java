package dev.optievent.testing.junit;

/**
 * Entry points of the test kit's assertions, for static import next to AssertJ's:
 *
 * <pre>{@code
 * import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
 * import static dev.optievent.testing.junit.OptimoveAssertions.event;
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * assertThat(optimove)
 *     .hasReceivedOnce(event("newsletter_signup").forCustomer("c-1").with("email", "ada@example.com"))
 *     .hasNotReceived(event("payment_failed"));
 * }</pre>
 *
 * Import each method by name: a wildcard import of this class is shadowed by AssertJ's named import
 * of {@code assertThat}.
 */
public final class OptimoveAssertions {

  private OptimoveAssertions() {}

  /**
   * Starts assertions on what the extension's fake received in the current test and on how its
   * client ended each event.
   *
   * @param optimove the extension of the test class
   * @return the assertions
   */
  public static OptimoveAssert assertThat(OptimoveExtension optimove) {
    return new OptimoveAssert(optimove);
  }

  /**
   * An expected event with this key; see {@link ExpectedEvent}.
   *
   * @param eventKey the event key, case sensitive
   * @return the expectation
   */
  public static ExpectedEvent event(String eventKey) {
    return ExpectedEvent.event(eventKey);
  }

  /**
   * Any event, to narrow down; see {@link ExpectedEvent}.
   *
   * @return the expectation
   */
  public static ExpectedEvent anyEvent() {
    return ExpectedEvent.anyEvent();
  }
}
