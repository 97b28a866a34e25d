package dev.optievent.client.internal.spool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.optievent.client.Event;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spooled event: {@code version (1) | tenant (8) | accepted, epoch millis (8) | timestamp seconds
 * (8) | nanos (4) | the JSON body the client sends}. The body is the exact one {@code
 * PayloadWriter} makes; the event is rebuilt from it. The tenant says whose event it is: a reader
 * of another tenant does not send it. Version 1 (written before the tenant was recorded) has no
 * tenant field and is read as the reader's own. Public for the benchmarks' storage harness only;
 * internal.
 */
public final class SpoolRecord {
  static final byte VERSION = 2;
  static final byte VERSION_1 = 1;

  /** The tenant of a version-1 record: unknown. */
  static final long NO_TENANT = -1;

  private static final int PREFIX_1 = 1 + 8 + 8 + 4;
  private static final int PREFIX = PREFIX_1 + 8;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * A decoded record.
   *
   * @param event the event
   * @param acceptedEpochMillis when a client first accepted it
   * @param tenant the tenant it was written for, or {@link #NO_TENANT} (version 1)
   */
  record Decoded(Event event, long acceptedEpochMillis, long tenant) {}

  private SpoolRecord() {}

  public static byte[] encode(Event event, long tenant, long acceptedEpochMillis, byte[] body) {
    Instant ts = event.timestamp();
    ByteBuffer b = ByteBuffer.allocate(PREFIX + body.length);
    b.put(VERSION).putLong(tenant).putLong(acceptedEpochMillis);
    b.putLong(ts.getEpochSecond()).putInt(ts.getNano());
    b.put(body);
    return b.array();
  }

  /**
   * @return the record, or {@code null} if it is not one this version reads
   */
  static Decoded decode(byte[] payload) throws IOException {
    int prefix;
    if (payload.length >= PREFIX && payload[0] == VERSION) {
      prefix = PREFIX;
    } else if (payload.length >= PREFIX_1 && payload[0] == VERSION_1) {
      prefix = PREFIX_1;
    } else {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(payload);
    b.get();
    long tenant = prefix == PREFIX ? b.getLong() : NO_TENANT;
    long accepted = b.getLong();
    long seconds = b.getLong();
    int nanos = b.getInt();
    String key = null;
    String customer = null;
    String visitor = null;
    Map<String, Object> context = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(payload, prefix, payload.length - prefix)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "event" -> key = p.getValueAsString();
          case "customer" -> customer = p.getValueAsString();
          case "visitor" -> visitor = p.getValueAsString();
          case "context" -> {
            if (t != JsonToken.START_OBJECT) {
              return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              context.put(name, value(p, p.nextToken()));
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    if (key == null) {
      return null;
    }
    return new Decoded(
        new Event(key, customer, visitor, Instant.ofEpochSecond(seconds, nanos), context),
        accepted,
        tenant);
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT -> {
        BigInteger i = p.getBigIntegerValue();
        yield i.bitLength() < 64 ? (Object) i.longValue() : i;
      }
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_STRING -> p.getText();
      default -> throw new IOException("unexpected " + t + " in a spooled event");
    };
  }
}
