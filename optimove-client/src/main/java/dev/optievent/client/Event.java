package dev.optievent.client;

import dev.optievent.client.internal.ParamMap;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Optimove event, as it will be sent: event key, customer or visitor, timestamp and context
 * parameters. The aspect builds these for annotated methods; code without annotations can build
 * them with {@link #builder(String)} and {@link OptimoveClient#send(Event)}.
 *
 * <p>Optimove takes either a customer or a visitor, never both: when both are set, only the
 * customer is sent. The tenant comes from the client's configuration.
 *
 * @param eventKey the Optimove event key, case sensitive
 * @param customerId the customer ID, or {@code null}
 * @param visitorId the visitor ID, or {@code null}
 * @param timestamp when the event happened
 * @param context parameter name to value (String, Number or Boolean); never {@code null}
 */
public record Event(
    String eventKey,
    String customerId,
    String visitorId,
    Instant timestamp,
    Map<String, Object> context) {

  /** Checks the required parts and makes the context read-only. */
  public Event {
    Objects.requireNonNull(eventKey, "eventKey");
    Objects.requireNonNull(timestamp, "timestamp");
    context =
        context == null
            ? Map.of()
            : context instanceof ParamMap
                ? context // read-only already
                : Collections.unmodifiableMap(context);
  }

  /**
   * Starts an event with this key; the timestamp defaults to now.
   *
   * @param eventKey the Optimove event key
   * @return a builder
   */
  public static Builder builder(String eventKey) {
    return new Builder(eventKey);
  }

  /**
   * The identity that will be sent: the customer if known, else the visitor.
   *
   * @return {@code true} if the customer ID will be sent
   */
  public boolean sendsCustomer() {
    return customerId != null;
  }

  /**
   * Returns this event with another context (used by validation that leaves parameters out).
   *
   * @param newContext the new context
   * @return a copy with {@code newContext}
   */
  public Event withContext(Map<String, Object> newContext) {
    return new Event(eventKey, customerId, visitorId, timestamp, newContext);
  }

  /** Builds an {@link Event}. Not thread-safe. */
  public static final class Builder {
    private final String eventKey;
    private String customerId;
    private String visitorId;
    private Instant timestamp;
    private final Map<String, Object> context = new LinkedHashMap<>();

    private Builder(String eventKey) {
      this.eventKey = Objects.requireNonNull(eventKey, "eventKey");
    }

    /**
     * Sets the customer ID.
     *
     * @param id the customer ID
     * @return this builder
     */
    public Builder customer(String id) {
      this.customerId = id;
      return this;
    }

    /**
     * Sets the visitor ID (sent only when no customer ID is set).
     *
     * @param id the visitor ID
     * @return this builder
     */
    public Builder visitor(String id) {
      this.visitorId = id;
      return this;
    }

    /**
     * Sets when the event happened (default: when {@link #build()} is called).
     *
     * @param at the event time
     * @return this builder
     */
    public Builder timestamp(Instant at) {
      this.timestamp = at;
      return this;
    }

    /**
     * Adds a context parameter. A {@code null} value leaves the parameter out.
     *
     * @param name the Optimove parameter name, case sensitive
     * @param value a String, Number or Boolean
     * @return this builder
     */
    public Builder param(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (value != null) {
        context.put(name, value);
      }
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event
     */
    public Event build() {
      return new Event(
          eventKey,
          customerId,
          visitorId,
          timestamp == null ? Instant.now() : timestamp,
          new LinkedHashMap<>(context));
    }
  }
}
