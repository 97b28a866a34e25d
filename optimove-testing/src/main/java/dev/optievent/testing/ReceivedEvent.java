package dev.optievent.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event that {@link FakeOptimoveServer} accepted, as the client sent it.
 *
 * <p>Context values keep the type Jackson parsed them as: {@link String}, {@link Boolean}, or a
 * {@link Number} ({@link Integer}, {@link Long}, {@link java.math.BigInteger} for whole numbers,
 * {@link java.math.BigDecimal} for all others, with the scale as sent, so {@code 19.90} stays
 * {@code new BigDecimal("19.90")}).
 *
 * @param tenant the {@code tenant} field
 * @param event the {@code event} field (the event key)
 * @param customer the {@code customer} field, or {@code null} when the event identifies a visitor
 * @param visitor the {@code visitor} field, or {@code null} when the event identifies a customer
 * @param timestamp the {@code timestamp} field exactly as sent, e.g. {@code 2020-04-12 17:32:06.094
 *     UTC}
 * @param context the {@code context} parameters in the order sent; empty when the field was absent;
 *     never null
 * @param messageId the id the server answered with in the success body's {@code message}
 * @param rawJson the request body exactly as received
 */
public record ReceivedEvent(
    long tenant,
    String event,
    String customer,
    String visitor,
    String timestamp,
    Map<String, Object> context,
    String messageId,
    String rawJson) {

  /**
   * Makes {@code context} an unmodifiable copy that keeps its order; {@code null} becomes an empty
   * map.
   *
   * @param tenant the {@code tenant} field
   * @param event the {@code event} field
   * @param customer the {@code customer} field, or {@code null}
   * @param visitor the {@code visitor} field, or {@code null}
   * @param timestamp the {@code timestamp} field as sent
   * @param context the {@code context} parameters, or {@code null} for none
   * @param messageId the id answered
   * @param rawJson the request body as received
   */
  public ReceivedEvent {
    context =
        context == null || context.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(context));
  }
}
