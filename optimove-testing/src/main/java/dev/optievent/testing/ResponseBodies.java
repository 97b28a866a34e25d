package dev.optievent.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Builds the JSON bodies the vendor answers with. */
final class ResponseBodies {

  /** The vendor's prefix before the reason of every validation error. */
  static final String VALIDATION_PREFIX =
      "Failed to validate the event with the following error - ";

  private ResponseBodies() {}

  /** {@code {"status":"success","message":"<id>"}} */
  static String success(String messageId) {
    return body("success", messageId);
  }

  /**
   * {@code {"status":"error","message":"Failed to validate the event with the following error -
   * <reason>"}}
   */
  static String validationError(String reason) {
    return body("error", VALIDATION_PREFIX + reason);
  }

  /** {@code {"status":"error","message":"HTTP <code>"}} */
  static String httpError(int httpStatus) {
    return body("error", "HTTP " + httpStatus);
  }

  /** {@code {"status":"error","message":"<message>"}}, for a request refused as unauthorized. */
  static String refused(String message) {
    return body("error", message);
  }

  private static String body(String status, String message) {
    return "{\"status\":\""
        + status
        + "\",\"message\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(message))
        + "\"}";
  }
}
