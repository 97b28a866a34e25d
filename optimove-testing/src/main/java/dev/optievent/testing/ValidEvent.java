package dev.optievent.testing;

import java.util.Map;

/**
 * The fields of a request body that passed {@link ContractChecker}; becomes a {@link ReceivedEvent}
 * once accepted.
 */
record ValidEvent(
    long tenant,
    String event,
    String customer,
    String visitor,
    String timestamp,
    Map<String, Object> context) {

  ReceivedEvent accepted(String messageId, String rawJson) {
    return new ReceivedEvent(
        tenant, event, customer, visitor, timestamp, context, messageId, rawJson);
  }
}
