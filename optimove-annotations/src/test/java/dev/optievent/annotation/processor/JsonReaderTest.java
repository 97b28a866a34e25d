package dev.optievent.annotation.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog reader is small and strict. */
class JsonReaderTest {

  @Test
  void readsObjectsArraysStringsNumbersAndLiterals() throws Exception {
    Object v =
        JsonReader.parse(
            " {\"a\": [1, -2.5e3, true, false, null], \"b\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\", \"c\": {}} ");
    assertThat(v)
        .isEqualTo(
            Map.of(
                "a",
                    List.of(
                        new BigDecimal("1"),
                        new BigDecimal("-2.5e3"),
                        true,
                        false,
                        JsonReader.NULL),
                "b", "x\"\\/\b\f\n\r\t\u00e9",
                "c", Map.of()));
  }

  @Test
  void refusesWhatJsonDoesNotAllow() {
    assertFails("{\"a\": 1,}", "unexpected '}', expected a \"name\" at line 1, column 9");
    assertFails("[1, 2,]", "unexpected ']', expected a value at line 1, column 7");
    assertFails("// comment\n{}", "unexpected '/', expected a value at line 1, column 1");
    assertFails("{\"a\": 1, \"a\": 2}", "duplicate name \"a\" at line 1, column 10");
    assertFails("{'a': 1}", "unexpected ''', expected a \"name\" at line 1, column 2");
    assertFails("\"\\x\"", "invalid escape \\x at line 1, column 3");
    assertFails(
        "\"a\nb\"",
        "control character in a string; write it as an escape, e.g. \\n at line 1, column 3");
    assertFails("01", "unexpected '1' after the JSON value at line 1, column 2");
    assertFails("1.", "invalid number: digits expected after '.' at line 1, column 3");
    assertFails("{} {}", "unexpected '{' after the JSON value at line 1, column 4");
    assertFails("tru", "unexpected 't', expected a value at line 1, column 1");
    assertFails("{\"a\"", "unexpected end of input, expected ':' at line 1, column 5");
    assertFails("", "unexpected end of input, expected a value at line 1, column 1");
  }

  private static void assertFails(String json, String message) {
    assertThatThrownBy(() -> JsonReader.parse(json))
        .isInstanceOf(JsonReader.JsonException.class)
        .hasMessage(message);
  }
}
