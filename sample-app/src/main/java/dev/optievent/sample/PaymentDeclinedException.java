package dev.optievent.sample;

/** The payment provider said no; the checkout did not happen. */
public class PaymentDeclinedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why
   */
  public PaymentDeclinedException(String message) {
    super(message);
  }
}
