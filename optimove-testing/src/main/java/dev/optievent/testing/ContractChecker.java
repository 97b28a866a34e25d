package dev.optievent.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks one request body against the vendor's OptiEvent contract (see {@code server-side-api.md}):
 * a JSON object with an integer {@code tenant} &gt; 0, a non-blank {@code event}, exactly one
 * non-blank {@code customer} or {@code visitor}, a {@code timestamp} in {@code yyyy-MM-dd
 * HH:mm:ss.SSS UTC}, an optional {@code context} object of string, number or boolean values, and no
 * other field. Thread-safe.
 */
final class ContractChecker {

  /** The vendor's own wording for every tenant problem. */
  static final String TENANT_INVALID = "tenantId is missing or invalid";

  private static final Set<String> KNOWN_FIELDS =
      Set.of("tenant", "event", "customer", "visitor", "timestamp", "context");
  private static final ObjectReader READER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build()
          .reader();

  private final long expectedTenant;

  /**
   * @param expectedTenant the only tenant accepted, or 0 to accept any valid tenant
   */
  ContractChecker(long expectedTenant) {
    this.expectedTenant = expectedTenant;
  }

  /**
   * Validates a request body.
   *
   * @param body the raw request body
   * @return the event's fields
   * @throws ContractViolation naming the first problem found
   */
  ValidEvent validate(byte[] body) throws ContractViolation {
    JsonNode root = parse(body);
    long tenant = tenant(root.get("tenant"));
    String event = nonBlankString("event", root.get("event"));
    JsonNode customerNode = root.get("customer");
    JsonNode visitorNode = root.get("visitor");
    if (customerNode != null && visitorNode != null) {
      throw new ContractViolation("the request must contain either customer or visitor, not both");
    }
    if (customerNode == null && visitorNode == null) {
      throw new ContractViolation("the request must contain either customer or visitor");
    }
    String customer = customerNode == null ? null : nonBlankString("customer", customerNode);
    String visitor = visitorNode == null ? null : nonBlankString("visitor", visitorNode);
    String timestamp = timestamp(root.get("timestamp"));
    Map<String, Object> context = context(root.get("context"));
    rejectUnknownFields(root);
    return new ValidEvent(tenant, event, customer, visitor, timestamp, context);
  }

  private static JsonNode parse(byte[] body) throws ContractViolation {
    JsonNode root;
    try {
      root = READER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ContractViolation("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ContractViolation("request body is not valid JSON");
    }
    if (root == null || root.isMissingNode()) {
      throw new ContractViolation("request body is empty");
    }
    if (!root.isObject()) {
      throw new ContractViolation("request body must be a JSON object");
    }
    return root;
  }

  private long tenant(JsonNode node) throws ContractViolation {
    if (node == null
        || !node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() <= 0) {
      throw new ContractViolation(TENANT_INVALID);
    }
    long tenant = node.longValue();
    if (expectedTenant != 0 && tenant != expectedTenant) {
      throw new ContractViolation(
          TENANT_INVALID + " (expected " + expectedTenant + ", got " + tenant + ")");
    }
    return tenant;
  }

  private static String nonBlankString(String field, JsonNode node) throws ContractViolation {
    if (node == null) {
      throw new ContractViolation(field + " is missing");
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw new ContractViolation(field + " must be a non-blank string, was " + describe(node));
    }
    return node.textValue();
  }

  private static String timestamp(JsonNode node) throws ContractViolation {
    if (node == null) {
      throw new ContractViolation("timestamp is missing");
    }
    if (!node.isTextual()) {
      throw new ContractViolation("timestamp must be a string, was " + describe(node));
    }
    String text = node.textValue();
    if (!UtcTimestamp.hasShape(text)) {
      throw new ContractViolation(
          "timestamp '" + text + "' does not match yyyy-MM-dd HH:mm:ss.SSS UTC");
    }
    if (!UtcTimestamp.isRealDateTime(text)) {
      throw new ContractViolation("timestamp '" + text + "' is not a valid date and time");
    }
    return text;
  }

  private static Map<String, Object> context(JsonNode node) throws ContractViolation {
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new ContractViolation("context must be a JSON object, was " + describe(node));
    }
    Map<String, Object> context = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> parameter : node.properties()) {
      context.put(parameter.getKey(), parameterValue(parameter.getKey(), parameter.getValue()));
    }
    return context;
  }

  private static Object parameterValue(String name, JsonNode value) throws ContractViolation {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.numberValue();
    }
    throw new ContractViolation(
        "context parameter '"
            + name
            + "' must be a string, number or boolean, was "
            + describe(value));
  }

  private static void rejectUnknownFields(JsonNode root) throws ContractViolation {
    for (var fields = root.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!KNOWN_FIELDS.contains(field)) {
        throw new ContractViolation("unknown field '" + field + "'");
      }
    }
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> node.textValue().isEmpty() ? "empty" : "blank";
      default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }
}
