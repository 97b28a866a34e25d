package dev.optievent.client;

import dev.optievent.client.internal.Masking;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.ValueMapper;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Optimove event, as it will be sent: event key, customer or visitor, timestamp and context
 * parameters. The aspect builds these for annotated methods; code without annotations can build
 * them with {@link #builder(String)} and {@link OptimoveClient#send(Event)}. Immutable; two events
 * are equal when all five parts are.
 *
 * <p>Optimove takes either a customer or a visitor, never both: when both are set, only the
 * customer is sent. The tenant comes from the client's configuration.
 *
 * <p>Why a class and not a record: the timestamp is held as seconds and nanoseconds rather than as
 * an {@link Instant}, which spares every reported call one object ({@link #timestamp()} makes the
 * {@code Instant} when asked).
 */
public final class Event {
  private final String eventKey;
  private final String customerId;
  private final String visitorId;
  private final long epochSecond;
  private final int nano;
  private final Map<String, Object> context;

  /**
   * Checks the required parts and takes a read-only copy of the context, with each value mapped as
   * the aspect maps it (see {@link Builder#param(String, Object)}). A value that cannot be mapped
   * is kept as it is, and the client rejects the event ({@code unsupported_value_type}).
   *
   * @param eventKey the Optimove event key, case sensitive
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null}
   * @param timestamp when the event happened
   * @param context parameter name to value; {@code null} for none
   * @throws NullPointerException if the event key or the timestamp is {@code null}
   */
  public Event(
      String eventKey,
      String customerId,
      String visitorId,
      Instant timestamp,
      Map<String, Object> context) {
    this(
        eventKey,
        customerId,
        visitorId,
        Objects.requireNonNull(timestamp, "timestamp").getEpochSecond(),
        timestamp.getNano(),
        copyOf(context));
  }

  /** The library's own events: the context is mapped and read-only already. */
  Event(
      String eventKey,
      String customerId,
      String visitorId,
      long epochSecond,
      int nano,
      Map<String, Object> mappedContext) {
    this.eventKey = Objects.requireNonNull(eventKey, "eventKey");
    this.customerId = customerId;
    this.visitorId = visitorId;
    this.epochSecond = epochSecond;
    this.nano = nano;
    this.context = mappedContext == null ? Map.of() : mappedContext;
  }

  /**
   * @return the Optimove event key, case sensitive
   */
  public String eventKey() {
    return eventKey;
  }

  /**
   * @return the customer ID, or {@code null}
   */
  public String customerId() {
    return customerId;
  }

  /**
   * @return the visitor ID, or {@code null}
   */
  public String visitorId() {
    return visitorId;
  }

  /**
   * @return when the event happened
   */
  public Instant timestamp() {
    return Instant.ofEpochSecond(epochSecond, nano);
  }

  /**
   * @return parameter name to value (String, Number or Boolean), read-only; never {@code null}
   */
  public Map<String, Object> context() {
    return context;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event e
        && epochSecond == e.epochSecond
        && nano == e.nano
        && eventKey.equals(e.eventKey)
        && Objects.equals(customerId, e.customerId)
        && Objects.equals(visitorId, e.visitorId)
        && context.equals(e.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventKey, customerId, visitorId, epochSecond, nano, context);
  }

  private static Map<String, Object> copyOf(Map<String, Object> context) {
    if (context == null || context.isEmpty()) {
      return Map.of();
    }
    if (context instanceof ParamMap || context instanceof MappedContext) {
      return context; // built by this library: mapped and read-only already
    }
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, context.size() * 2));
    context.forEach(
        (name, value) -> {
          Object mapped = mapOrKeep(value);
          if (mapped != null) {
            copy.put(name, mapped);
          }
        });
    return new MappedContext(copy);
  }

  /** The mapped value; {@code null} to leave it out; the value itself if it cannot be mapped. */
  private static Object mapOrKeep(Object value) {
    if (value == null || ValueMapper.isMapped(value)) {
      return value;
    }
    try {
      return ValueMapper.map(value);
    } catch (RuntimeException e) {
      return value; // not mappable: validation rejects it with a reason
    }
  }

  /** A read-only context this class copied and mapped itself, so never copied twice. */
  private static final class MappedContext extends AbstractMap<String, Object> {
    private final Map<String, Object> map;

    MappedContext(Map<String, Object> map) {
      this.map = map;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
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
   * Describes the event without personal data: the key, the identity masked ({@code c***(8)}), the
   * timestamp, and each parameter's name with only its type and size ({@code email=text(15)}), so
   * that an event in a log line or an exception message shows nothing in clear.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Event[eventKey=").append(eventKey);
    if (customerId != null) {
      b.append(", customer=").append(Masking.mask(customerId));
    }
    if (visitorId != null) {
      b.append(", visitor=").append(Masking.mask(visitorId));
    }
    b.append(", timestamp=").append(timestamp()).append(", context={");
    String separator = "";
    for (Map.Entry<String, Object> p : context.entrySet()) {
      b.append(separator).append(p.getKey()).append('=').append(kindOf(p.getValue()));
      separator = ", ";
    }
    return b.append("}]").toString();
  }

  private static String kindOf(Object value) {
    if (value instanceof String s) {
      return "text(" + s.length() + ")";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return value == null ? "null" : value.getClass().getName();
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
     * Adds a context parameter, mapped exactly as the aspect maps an {@code @EventParam} value:
     * text ({@code CharSequence}, {@code char}, an enum's {@code name()}, {@code UUID}, and {@code
     * Instant}, {@code ZonedDateTime}, {@code OffsetDateTime}, {@code LocalDateTime}, {@code
     * LocalDate} and {@code Date} as {@code yyyy-MM-dd HH:mm:ss.SSS UTC}), numbers (exact; {@code
     * BigDecimal} in plain notation), booleans, and {@code Optional}s unwrapped. A {@code null}
     * value or an empty optional leaves the parameter out. A value of any other type makes the
     * client reject the event as {@code unsupported_value_type}.
     *
     * @param name the Optimove parameter name, case sensitive
     * @param value the value
     * @return this builder
     */
    public Builder param(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (value == null) {
        context.remove(name);
      } else {
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
          eventKey, customerId, visitorId, timestamp == null ? Instant.now() : timestamp, context);
    }
  }
}
