package dev.optievent.client.internal.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes one event as the JSON body Optimove expects, with Jackson's streaming generator: {@code
 * {"tenant":N,"event":"key","customer":"id" | "visitor":"id","timestamp":"yyyy-MM-dd HH:mm:ss.SSS
 * UTC","context":{...}}}. The customer wins when both IDs are set; the visitor is then left out.
 *
 * <p>Context values: strings (any {@link CharSequence}) as strings, booleans as {@code true} /
 * {@code false}, integral numbers as JSON integers, {@link BigDecimal} exactly and without exponent
 * ({@code 1E+3} is written {@code 1000}), finite floats and doubles as JSON numbers. NaN and
 * infinities cannot be JSON: the event is rejected as {@code invalid_number}. Any other value is
 * written as the string its {@code toString()} returns; if that throws, the event is rejected as
 * {@code invalid_value}. {@code null} values and {@code null} names are left out. Thread-safe.
 * Internal.
 */
public final class PayloadWriter {

  /** The timestamp format of the vendor's example, {@code 2020-04-12 17:32:06.094 UTC}. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

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
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("tenant", tenant);
      g.writeStringField("event", event.eventKey());
      if (event.customerId() != null) {
        g.writeStringField("customer", event.customerId());
      } else if (event.visitorId() != null) {
        g.writeStringField("visitor", event.visitorId());
      }
      g.writeStringField("timestamp", TIMESTAMP.format(event.timestamp()));
      g.writeObjectFieldStart("context");
      for (Map.Entry<String, Object> p : event.context().entrySet()) {
        if (p.getKey() != null && p.getValue() != null) {
          writeValue(g, event.eventKey(), p.getKey(), p.getValue());
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

  private static void writeValue(JsonGenerator g, String eventKey, String name, Object value)
      throws IOException, InvalidPayloadException {
    if (value instanceof String s) {
      g.writeStringField(name, s);
    } else if (value instanceof Boolean b) {
      g.writeBooleanField(name, b);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof AtomicInteger
        || value instanceof AtomicLong
        || value instanceof LongAdder
        || value instanceof LongAccumulator) {
      g.writeNumberField(name, ((Number) value).longValue());
    } else if (value instanceof BigDecimal d) {
      g.writeFieldName(name);
      g.writeNumber(d.toPlainString());
    } else if (value instanceof BigInteger i) {
      g.writeFieldName(name);
      g.writeNumber(i);
    } else if (value instanceof Double
        || value instanceof Float
        || value instanceof DoubleAdder
        || value instanceof DoubleAccumulator) {
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
    } else if (value instanceof Number n) {
      writeOtherNumber(g, eventKey, name, n);
    } else if (value instanceof CharSequence cs) {
      g.writeStringField(name, safeToString(eventKey, name, cs));
    } else {
      g.writeStringField(name, safeToString(eventKey, name, value));
    }
  }

  private static void writeOtherNumber(JsonGenerator g, String eventKey, String name, Number n)
      throws IOException, InvalidPayloadException {
    String text = safeToString(eventKey, name, n);
    BigDecimal exact;
    try {
      exact = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      // A Number whose text is not a number (e.g. "NaN" from some library type).
      double d;
      try {
        d = n.doubleValue();
      } catch (RuntimeException ex) {
        d = Double.NaN;
      }
      if (!Double.isFinite(d)) {
        throw new InvalidPayloadException(
            Reasons.INVALID_NUMBER,
            "event '"
                + eventKey
                + "': parameter '"
                + name
                + "' is not a finite number ("
                + n.getClass().getName()
                + ")");
      }
      exact = BigDecimal.valueOf(d);
    }
    g.writeFieldName(name);
    g.writeNumber(exact.toPlainString());
  }

  private static String safeToString(String eventKey, String name, Object value)
      throws InvalidPayloadException {
    String text;
    try {
      text = value.toString();
    } catch (RuntimeException | StackOverflowError e) {
      throw new InvalidPayloadException(
          Reasons.INVALID_VALUE,
          "event '"
              + eventKey
              + "': parameter '"
              + name
              + "' of type "
              + value.getClass().getName()
              + " could not be turned into text: "
              + e.getClass().getSimpleName());
    }
    if (text == null) {
      throw new InvalidPayloadException(
          Reasons.INVALID_VALUE,
          "event '"
              + eventKey
              + "': parameter '"
              + name
              + "' of type "
              + value.getClass().getName()
              + " turned into null text");
    }
    return text;
  }
}
