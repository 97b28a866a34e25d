package dev.optievent.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Decides the answer to one request: 401 or 403 if it lacks the {@link RequiredAuthentication}
 * demanded, else the next scripted {@link Fault} if there is one, else the vendor's behaviour (405
 * for anything but POST, 400 for a body that breaks the contract, 200 and a message id for a valid
 * event). Records the request and any accepted event, and tells the listeners, before the answer is
 * sent. Knows nothing of HTTP plumbing. Thread-safe.
 */
final class RequestProcessor {

  private final ContractChecker validator;
  private final FaultScript faults;
  private final ResponseDelay responseDelay;
  private final Recorder recorder;
  private final AcceptListeners listeners;
  private final RequiredAuthentication authentication;

  RequestProcessor(
      ContractChecker validator,
      FaultScript faults,
      ResponseDelay responseDelay,
      Recorder recorder,
      AcceptListeners listeners,
      RequiredAuthentication authentication) {
    this.authentication = authentication;
    this.validator = validator;
    this.faults = faults;
    this.responseDelay = responseDelay;
    this.recorder = recorder;
    this.listeners = listeners;
  }

  /**
   * Processes one fully read request.
   *
   * @param method the HTTP method
   * @param target the request path (and query)
   * @param headers the request headers (copied only when records are kept)
   * @param body the request body
   * @return what to answer, and after how long
   */
  Reply process(String method, String target, Map<String, List<String>> headers, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    // A request refused for its authentication does not take a scripted fault.
    RequiredAuthentication.Refusal refusal = authentication.check(headers, body);
    Fault fault = refusal == null ? faults.next(text) : null;
    Outcome outcome =
        refusal != null
            ? new Outcome(refusal.status(), ResponseBodies.refused(refusal.message()), null, null)
            : fault == null
                ? vendorAnswer(method, body, text, 200)
                : faultAnswer(fault, method, body, text);
    long delayNanos =
        fault != null && fault.kind() == Fault.Kind.DELAY
            ? fault.delay().toNanos()
            : responseDelay.nanos();
    String retryAfter = fault == null ? null : fault.retryAfter();

    int recordedStatus = outcome.body() == null ? RecordedRequest.CONNECTION_CUT : outcome.status();
    RecordedRequest request =
        recorder.keepsRecords()
            ? new RecordedRequest(method, target, headers, text, recordedStatus, outcome.body())
            : null;
    recorder.record(request, outcome.accepted(), recordedStatus, outcome.body());
    if (outcome.accepted() != null) {
      listeners.notifyAccepted(outcome.accepted());
    }
    Fault shape = fault != null && fault.shapesBody() && outcome.body() != null ? fault : null;
    return new Reply(
        outcome.status(), outcome.body(), retryAfter, outcome.allow(), delayNanos, shape);
  }

  private Outcome faultAnswer(Fault fault, String method, byte[] body, String text) {
    return switch (fault.kind()) {
      case DELAY, STALL_BODY, SLOW_BODY -> vendorAnswer(method, body, text, 200);
      case STATUS, OVERSIZED_BODY ->
          fault.httpStatus() < 300
              ? vendorAnswer(method, body, text, fault.httpStatus())
              : new Outcome(
                  fault.httpStatus(), ResponseBodies.httpError(fault.httpStatus()), null, null);
      case DISCONNECT -> new Outcome(0, null, null, null);
      case MALFORMED_BODY -> new Outcome(fault.httpStatus(), fault.text(), null, null);
      case ERROR_STATUS ->
          new Outcome(200, ResponseBodies.validationError(fault.text()), null, null);
    };
  }

  private Outcome vendorAnswer(String method, byte[] body, String text, int successStatus) {
    if (!"POST".equals(method)) {
      return new Outcome(405, ResponseBodies.httpError(405), "POST", null);
    }
    try {
      ValidEvent event = validator.validate(body);
      String messageId = MessageIds.next();
      return new Outcome(
          successStatus, ResponseBodies.success(messageId), null, event.accepted(messageId, text));
    } catch (ContractViolation violation) {
      return new Outcome(400, ResponseBodies.validationError(violation.getMessage()), null, null);
    }
  }

  /**
   * An answer before timing: status, body ({@code null} = cut), Allow header, and the accepted
   * event if any.
   */
  private record Outcome(int status, String body, String allow, ReceivedEvent accepted) {}
}
