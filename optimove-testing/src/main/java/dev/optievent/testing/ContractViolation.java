package dev.optievent.testing;

/**
 * Thrown by {@link ContractChecker} when a request body breaks the vendor's contract. The message
 * is the reason that follows {@code "Failed to validate the event with the following error - "} in
 * the answer. Carries no stack trace: it is an expected outcome, not a bug.
 */
final class ContractViolation extends Exception {

  private static final long serialVersionUID = 1L;

  ContractViolation(String reason) {
    super(reason, null, false, false);
  }
}
