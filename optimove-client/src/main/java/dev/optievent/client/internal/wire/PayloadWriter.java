package dev.optievent.client.internal.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import dev.optievent.client.internal.ParamMap;
import dev.optievent.client.internal.Timestamps;
import dev.optievent.client.internal.ValueMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

/**
 * Writes one event as the JSON body Optimove expects, with Jackson's streaming generator: {@code
 * {"tenant":N,"event":"key","customer":"id" | "visitor":"id","timestamp":"yyyy-MM-dd HH:mm:ss.SSS
 * UTC","context":{...}}}. The customer wins when both IDs are set; the visitor is then left out.
 *
 * <p>Context values arrive mapped by {@link ValueMapper} and checked by validation: strings as
 * strings, booleans as {@code true} / {@code false}, integral numbers as JSON integers, {@link
 * BigDecimal} exactly and without exponent ({@code 1E+3} is written {@code 1000}), finite floats
 * and doubles as JSON numbers. NaN and infinities cannot be JSON: the event is rejected as {@code
 * invalid_number}; a value of any other type as {@code invalid_value}. {@code null} values and
 * {@code null} names are left out. Thread-safe. Internal (public for the spool, which writes the
 * same body into its records).
 */
public final class PayloadWriter {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final long tenant;

  /**
   * @param tenant the Optimove tenant ID written into every event
   */
  public PayloadWriter(long tenant) {
    this.tenant = tenant;
  }

  /**
   * Writes the event.
   *
   * @param event the event
   * @return the UTF-8 JSON body
   * @throws InvalidPayloadException if a context value cannot be written
   */
  public byte[] write(Event event) throws InvalidPayloadException {
    return write(
        event.eventKey(),
        event.customerId(),
        event.visitorId(),
        event.timestamp(),
        event.context());
  }

  /**
   * Writes an event from its parts, for a delivery that holds them without an {@link Event}.
   *
   * @param context the parameters; a {@link ParamMap} is walked by slot, without an entry per
   *     parameter
   * @throws InvalidPayloadException if a context value cannot be written
   */
  public byte[] write(
      String eventKey,
      String customerId,
      String visitorId,
      Instant timestamp,
      Map<String, Object> context)
      throws InvalidPayloadException {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("tenant", tenant);
      g.writeStringField("event", eventKey);
      if (customerId != null) {
        g.writeStringField("customer", customerId);
      } else if (visitorId != null) {
        g.writeStringField("visitor", visitorId);
      }
      g.writeStringField("timestamp", Timestamps.VENDOR.format(timestamp));
      g.writeObjectFieldStart("context");
      if (context instanceof ParamMap params) {
        for (int i = 0; i < params.slots(); i++) {
          Object value = params.valueAt(i);
          if (value != null) {
            writeValue(g, eventKey, params.nameAt(i), value);
          }
        }
      } else {
        for (Map.Entry<String, Object> p : context.entrySet()) {
          if (p.getKey() != null && p.getValue() != null) {
            writeValue(g, eventKey, p.getKey(), p.getValue());
          }
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      // Writing to memory: cannot happen short of a Jackson bug.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes one value. Values reach here mapped (see {@link ValueMapper}) and validated, so only the
   * mapped types are expected; anything else is refused rather than guessed at.
   */
  private static void writeValue(JsonGenerator g, String eventKey, String name, Object value)
      throws IOException, InvalidPayloadException {
    if (value instanceof String s) {
      g.writeStringField(name, s);
    } else if (value instanceof Boolean b) {
      g.writeBooleanField(name, b);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      g.writeNumberField(name, ((Number) value).longValue());
    } else if (value instanceof BigDecimal d) {
      g.writeFieldName(name);
      g.writeNumber(d.toPlainString());
    } else if (value instanceof BigInteger i) {
      g.writeFieldName(name);
      g.writeNumber(i);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidPayloadException(
            Reasons.INVALID_NUMBER,
            "event '"
                + eventKey
                + "': parameter '"
                + name
                + "' is "
                + d
                + ", which JSON cannot carry");
      }
      g.writeFieldName(name);
      if (value instanceof Float f) {
        g.writeNumber(f.floatValue());
      } else {
        g.writeNumber(d);
      }
    } else {
      throw new InvalidPayloadException(
          Reasons.INVALID_VALUE,
          "event '"
              + eventKey
              + "': parameter '"
              + name
              + "' is a "
              + value.getClass().getName()
              + ", not text, number or boolean");
    }
  }
}
