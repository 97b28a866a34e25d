package dev.optievent.client.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Event;
import dev.optievent.client.Reasons;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vendor's identity rules, and the messages a listener or a log reads for each rejection. */
class IdentityRuleTest {
  private static final Instant AT = Instant.parse("2024-01-02T03:04:05Z");
  private final IdentityRule rule = new IdentityRule();

  private static Event event(String customer, String visitor) {
    return new Event("signup", customer, visitor, AT, Map.of("plan", "pro"));
  }

  @Test
  void dropsAnEventWithNoIdentityAndSaysWhy() {
    Event anonymous = event(null, null);

    ValidationResult result = rule.check(anonymous);

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.DROP);
    assertThat(result.reason()).isEqualTo(Reasons.NO_IDENTITY);
    assertThat(result.event()).isSameAs(anonymous);
    assertThat(result.message())
        .isEqualTo("event 'signup' has neither a customer ID nor a visitor ID");
  }

  @Test
  void sendsACleanCustomerIdUnchanged() {
    assertThat(rule.check(event("c-1", null))).isSameAs(ValidationResult.unchanged());
  }

  @Test
  void sendsACleanVisitorIdUnchanged() {
    assertThat(rule.check(event(null, "v-1"))).isSameAs(ValidationResult.unchanged());
  }

  @Test
  void acceptsAnIdOfExactlyTheMostCharactersAllowed() {
    String longest = "c".repeat(IdentityRule.MAX_ID_LENGTH);

    assertThat(rule.check(event(longest, null))).isSameAs(ValidationResult.unchanged());
    assertThat(rule.check(event(null, longest))).isSameAs(ValidationResult.unchanged());
  }

  @Test
  void rejectsAnIdOneCharacterTooLongWithoutShowingIt() {
    String tooLong = "c".repeat(IdentityRule.MAX_ID_LENGTH + 1);

    ValidationResult customer = rule.check(event(tooLong, null));
    ValidationResult visitor = rule.check(event(null, tooLong));

    assertThat(customer.outcome()).isEqualTo(ValidationResult.Outcome.REJECT);
    assertThat(customer.reason()).isEqualTo(Reasons.INVALID_CUSTOMER_ID);
    assertThat(customer.message())
        .isEqualTo(
            "event 'signup': the customer ID is 201 characters long; the most allowed is 200");
    assertThat(visitor.reason()).isEqualTo(Reasons.INVALID_VISITOR_ID);
    assertThat(visitor.message())
        .isEqualTo(
            "event 'signup': the visitor ID is 201 characters long; the most allowed is 200");
  }

  @Test
  void countsTheLengthAfterTrimming() {
    String longestPadded = "  " + "c".repeat(IdentityRule.MAX_ID_LENGTH) + "  ";

    ValidationResult result = rule.check(event(longestPadded, null));

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(result.event().customerId()).isEqualTo("c".repeat(IdentityRule.MAX_ID_LENGTH));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void rejectsABlankId(String blank) {
    ValidationResult customer = rule.check(event(blank, null));
    ValidationResult visitor = rule.check(event(null, blank));

    assertThat(customer.reason()).isEqualTo(Reasons.INVALID_CUSTOMER_ID);
    assertThat(customer.message()).isEqualTo("event 'signup': the customer ID is blank");
    assertThat(visitor.reason()).isEqualTo(Reasons.INVALID_VISITOR_ID);
    assertThat(visitor.message()).isEqualTo("event 'signup': the visitor ID is blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "NULL", " Undefined ", "none", "NoNe"})
  void rejectsAPlaceholderInAnyCase(String placeholder) {
    ValidationResult result = rule.check(event(null, placeholder));

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.REJECT);
    assertThat(result.reason()).isEqualTo(Reasons.INVALID_VISITOR_ID);
    assertThat(result.message())
        .isEqualTo(
            "event 'signup': the visitor ID is the placeholder '"
                + placeholder.trim().toLowerCase(java.util.Locale.ROOT)
                + "', not a real ID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nullable", "nonentity", "undefined-1", "n"})
  void acceptsIdsThatOnlyStartLikeAPlaceholder(String id) {
    assertThat(rule.check(event(id, null))).isSameAs(ValidationResult.unchanged());
  }

  @Test
  void trimsACustomerIdAndKeepsTheRestOfTheEvent() {
    Event padded = event("  c-1 ", null);

    ValidationResult result = rule.check(padded);

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(result.event())
        .isEqualTo(new Event("signup", "c-1", null, AT, Map.of("plan", "pro")));
  }

  @Test
  void trimsAVisitorId() {
    ValidationResult result = rule.check(event(null, "\tv-1  "));

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(result.event().visitorId()).isEqualTo("v-1");
    assertThat(result.event().customerId()).isNull();
    assertThat(result.event().context()).containsExactly(Map.entry("plan", "pro"));
    assertThat(result.event().timestamp()).isEqualTo(AT);
  }

  @Test
  void sendsOnlyTheCustomerWhenBothAreKnown() {
    ValidationResult result = rule.check(event("c-1", "v-1"));

    assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.SEND);
    assertThat(result.event().customerId()).isEqualTo("c-1");
    assertThat(result.event().visitorId()).isNull();
  }

  @Test
  void judgesTheCustomerWhenBothAreKnownEvenIfTheVisitorIsFine() {
    ValidationResult result = rule.check(event("none", "v-1"));

    assertThat(result.reason()).isEqualTo(Reasons.INVALID_CUSTOMER_ID);
  }
}
