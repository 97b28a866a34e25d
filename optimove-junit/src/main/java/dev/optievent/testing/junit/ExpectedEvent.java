package dev.optievent.testing.junit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a test expects of an event, for {@link OptimoveAssert}: its key, its customer or visitor,
 * and parameter values, checked as Optimove receives them. Only what is stated is checked: {@code
 * event("newsletter_signup")} matches any such event, whoever it is for and whatever it carries.
 * Immutable: each method returns a new expectation.
 *
 * <pre>{@code
 * event("newsletter_signup")
 *     .forCustomer("c-1")
 *     .with("email", "ada@example.com")
 *     .with("opt_in", true)
 *     .withNoOtherParameters()
 * }</pre>
 *
 * <p>Expected values are wire values: text ({@link CharSequence}, {@code char}, an {@code enum}'s
 * {@code name()}), numbers (any {@link Number}, compared by value: {@code 59.9} matches {@code
 * 59.90}, {@code 2} matches {@code 2L}) and booleans. A date is expected as the text the client
 * sends, e.g. {@code "2026-11-27 05:12:01.123 UTC"}.
 */
public final class ExpectedEvent {

  // A wrong key outweighs a wrong identity, which outweighs any number of wrong parameters: the
  // nearest match is the event the test most likely meant.
  private static final int KEY_WEIGHT = 1_000_000;
  private static final int IDENTITY_WEIGHT = 1_000;

  private final String eventKey;
  private final String customer;
  private final String visitor;
  private final Map<String, Object> params;
  private final Set<String> absent;
  private final boolean noOtherParameters;

  private ExpectedEvent(
      String eventKey,
      String customer,
      String visitor,
      Map<String, Object> params,
      Set<String> absent,
      boolean noOtherParameters) {
    this.eventKey = eventKey;
    this.customer = customer;
    this.visitor = visitor;
    this.params = params;
    this.absent = absent;
    this.noOtherParameters = noOtherParameters;
  }

  /**
   * An event with this key, case sensitive.
   *
   * @param eventKey the event key, e.g. {@code newsletter_signup}
   * @return the expectation
   */
  public static ExpectedEvent event(String eventKey) {
    Objects.requireNonNull(eventKey, "eventKey");
    return new ExpectedEvent(eventKey, null, null, Map.of(), Set.of(), false);
  }

  /**
   * Any event; narrow it with the other methods.
   *
   * @return the expectation
   */
  public static ExpectedEvent anyEvent() {
    return new ExpectedEvent(null, null, null, Map.of(), Set.of(), false);
  }

  /**
   * The event is for this customer.
   *
   * @param customerId the customer ID as sent
   * @return a new expectation
   */
  public ExpectedEvent forCustomer(String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    return new ExpectedEvent(eventKey, customerId, null, params, absent, noOtherParameters);
  }

  /**
   * The event is for this visitor (and so for no customer: Optimove takes one or the other).
   *
   * @param visitorId the visitor ID as sent
   * @return a new expectation
   */
  public ExpectedEvent forVisitor(String visitorId) {
    Objects.requireNonNull(visitorId, "visitorId");
    return new ExpectedEvent(eventKey, null, visitorId, params, absent, noOtherParameters);
  }

  /**
   * The event carries this parameter with this value.
   *
   * @param name the parameter name, case sensitive
   * @param value text, a number or a boolean, as described above
   * @return a new expectation
   * @throws IllegalArgumentException if the value is {@code null} (use {@link #without(String)}) or
   *     of no type Optimove receives
   */
  public ExpectedEvent with(String name, Object value) {
    Objects.requireNonNull(name, "name");
    Map<String, Object> next = new LinkedHashMap<>(params);
    next.put(name, Values.expected(name, value));
    Set<String> nextAbsent = new LinkedHashSet<>(absent);
    nextAbsent.remove(name);
    return new ExpectedEvent(
        eventKey,
        customer,
        visitor,
        Collections.unmodifiableMap(next),
        Collections.unmodifiableSet(nextAbsent),
        noOtherParameters);
  }

  /**
   * The event does not carry this parameter.
   *
   * @param name the parameter name, case sensitive
   * @return a new expectation
   */
  public ExpectedEvent without(String name) {
    Objects.requireNonNull(name, "name");
    Map<String, Object> next = new LinkedHashMap<>(params);
    next.remove(name);
    Set<String> nextAbsent = new LinkedHashSet<>(absent);
    nextAbsent.add(name);
    return new ExpectedEvent(
        eventKey,
        customer,
        visitor,
        Collections.unmodifiableMap(next),
        Collections.unmodifiableSet(nextAbsent),
        noOtherParameters);
  }

  /**
   * The event carries no parameter beyond those given with {@link #with(String, Object)}.
   *
   * @return a new expectation
   */
  public ExpectedEvent withNoOtherParameters() {
    return new ExpectedEvent(eventKey, customer, visitor, params, absent, true);
  }

  /** The event key expected, or {@code null} for any. */
  String eventKey() {
    return eventKey;
  }

  /** Whether this expects nothing at all: {@link #anyEvent()} as it is. */
  boolean isAny() {
    return eventKey == null
        && customer == null
        && visitor == null
        && params.isEmpty()
        && absent.isEmpty()
        && !noOtherParameters;
  }

  boolean matches(EventView actual) {
    return differences(actual).isEmpty();
  }

  /** How far {@code actual} is from this expectation: 0 when it matches, lower is nearer. */
  int distance(EventView actual) {
    int d = 0;
    if (eventKey != null && !eventKey.equals(actual.eventKey())) {
      d += KEY_WEIGHT;
    }
    if (identityDiffers(actual)) {
      d += IDENTITY_WEIGHT;
    }
    return d + parameterDifferences(actual).size();
  }

  /** What differs, one line each, in the order key, identity, parameters; empty when it matches. */
  List<String> differences(EventView actual) {
    List<String> out = new ArrayList<>();
    if (eventKey != null && !eventKey.equals(actual.eventKey())) {
      out.add(
          "event key: expected "
              + Values.quote(eventKey)
              + " but was "
              + (actual.eventKey() == null ? "none" : Values.quote(actual.eventKey())));
    }
    if (customer != null && !customer.equals(actual.customer())) {
      out.add("customer: expected " + Values.quote(customer) + " but " + identity(actual));
    }
    if (visitor != null && !visitor.equals(actual.visitor())) {
      out.add("visitor: expected " + Values.quote(visitor) + " but " + identity(actual));
    }
    out.addAll(parameterDifferences(actual));
    return out;
  }

  private boolean identityDiffers(EventView actual) {
    return (customer != null && !customer.equals(actual.customer()))
        || (visitor != null && !visitor.equals(actual.visitor()));
  }

  private static String identity(EventView actual) {
    if (actual.customer() != null) {
      return "the event is for customer " + Values.quote(actual.customer());
    }
    if (actual.visitor() != null) {
      return "the event is for visitor " + Values.quote(actual.visitor());
    }
    return "the event is for no customer or visitor";
  }

  private List<String> parameterDifferences(EventView actual) {
    List<String> out = new ArrayList<>();
    Map<String, Object> context = actual.context();
    for (Map.Entry<String, Object> p : params.entrySet()) {
      String name = p.getKey();
      Object want = p.getValue();
      if (!context.containsKey(name)) {
        out.add("parameter " + name + ": missing (expected " + Values.render(want) + ")");
        continue;
      }
      Object got = context.get(name);
      if (!Values.sameType(want, got)) {
        out.add(
            "parameter "
                + name
                + ": expected "
                + Values.renderTyped(want)
                + " but was "
                + Values.renderTyped(got));
      } else if (!Values.same(want, got)) {
        out.add(
            "parameter "
                + name
                + ": expected "
                + Values.render(want)
                + " but was "
                + Values.render(got));
      }
    }
    for (String name : absent) {
      if (context.containsKey(name)) {
        out.add(
            "parameter " + name + ": expected absent but was " + Values.render(context.get(name)));
      }
    }
    if (noOtherParameters) {
      for (Map.Entry<String, Object> p : context.entrySet()) {
        if (!params.containsKey(p.getKey()) && !absent.contains(p.getKey())) {
          out.add("extra parameter " + p.getKey() + "=" + Values.render(p.getValue()));
        }
      }
    }
    return out;
  }

  /**
   * Describes the expectation.
   *
   * @return e.g. {@code newsletter_signup for customer "c-1" with email="ada@example.com" and no
   *     other parameters}
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(eventKey == null ? "any event" : eventKey);
    if (customer != null) {
      b.append(" for customer ").append(Values.quote(customer));
    }
    if (visitor != null) {
      b.append(" for visitor ").append(Values.quote(visitor));
    }
    String separator = " with ";
    for (Map.Entry<String, Object> p : params.entrySet()) {
      b.append(separator).append(p.getKey()).append('=').append(Values.render(p.getValue()));
      separator = ", ";
    }
    if (!absent.isEmpty()) {
      b.append(params.isEmpty() ? " without " : ", without ").append(String.join(", ", absent));
    }
    if (noOtherParameters) {
      b.append(params.isEmpty() ? " with no parameters" : " and no other parameters");
    }
    return b.toString();
  }
}
