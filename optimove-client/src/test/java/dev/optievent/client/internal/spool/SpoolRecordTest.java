package dev.optievent.client.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A spooled record: the event comes back as it was sent, numbers of every size included. */
class SpoolRecordTest {
  private static final Instant TS = Instant.parse("2024-01-02T03:04:05.678901234Z");

  private static SpoolRecord.Decoded roundTrip(String body) throws IOException {
    Event event = new Event("order_placed", "c-1", null, TS, Map.of());
    return SpoolRecord.decode(
        SpoolRecord.encode(event, 42, 1_700_000_000_123L, body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void numbersComeBackAsLongWhileTheyFitAndAsBigIntegerBeyond() throws IOException {
    SpoolRecord.Decoded d =
        roundTrip(
            "{\"tenant\":1,\"event\":\"order_placed\",\"customer\":\"c-1\",\"context\":{"
                + "\"small\":5,\"max\":9223372036854775807,\"min\":-9223372036854775808,"
                + "\"big\":9223372036854775808,\"dec\":1.50,\"yes\":true,\"no\":false,"
                + "\"text\":\"hi\"}}");

    assertThat(d.acceptedEpochMillis()).isEqualTo(1_700_000_000_123L);
    assertThat(d.tenant()).isEqualTo(42);
    Event e = d.event();
    assertThat(e.eventKey()).isEqualTo("order_placed");
    assertThat(e.customerId()).isEqualTo("c-1");
    assertThat(e.timestamp()).isEqualTo(TS);
    Map<String, Object> c = e.context();
    assertThat(c.get("small")).isEqualTo(5L);
    assertThat(c.get("max")).isEqualTo(Long.MAX_VALUE);
    assertThat(c.get("min")).isEqualTo(Long.MIN_VALUE);
    assertThat(c.get("big")).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(c.get("dec")).isEqualTo(new BigDecimal("1.50"));
    assertThat(c.get("yes")).isEqualTo(Boolean.TRUE);
    assertThat(c.get("no")).isEqualTo(Boolean.FALSE);
    assertThat(c.get("text")).isEqualTo("hi");
  }

  @Test
  void aVersionOneRecordWrittenBeforeTenantsWereRecordedReadsAsTheReadersOwn() throws IOException {
    // version 1: version | accepted | seconds | nanos | body
    byte[] body = "{\"event\":\"k\",\"customer\":\"c\"}".getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 8 + 8 + 4 + body.length);
    b.put((byte) 1).putLong(7L).putLong(TS.getEpochSecond()).putInt(TS.getNano()).put(body);

    SpoolRecord.Decoded d = SpoolRecord.decode(b.array());

    assertThat(d.tenant()).isEqualTo(SpoolRecord.NO_TENANT);
    assertThat(d.acceptedEpochMillis()).isEqualTo(7L);
    assertThat(d.event().eventKey()).isEqualTo("k");
    assertThat(d.event().timestamp()).isEqualTo(TS);
  }

  @Test
  void whatThisVersionCannotReadIsNull() throws IOException {
    assertThat(SpoolRecord.decode(new byte[0])).isNull();
    byte[] other =
        SpoolRecord.encode(
            new Event("k", "c", null, TS, Map.of()),
            42,
            1,
            "{\"event\":\"k\"}".getBytes(StandardCharsets.UTF_8));
    other[0] = 3;
    assertThat(SpoolRecord.decode(other)).as("another version").isNull();
    assertThat(roundTrip("[]")).as("not an object").isNull();
    assertThat(roundTrip("{\"customer\":\"c\"}")).as("no event key").isNull();
    assertThat(roundTrip("{\"event\":\"k\",\"context\":[1]}")).as("context not an object").isNull();
  }
}
