package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.ReceivedEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order of identity sources in docs/annotations.md, each against the ones after it: the
 * customer from an argument, then from the innermost scope; then the visitor the same way; then the
 * resolver. The resolver is asked only when no other source knows anyone.
 */
class IdentityPrecedenceTest {
  private final AtomicInteger resolverCalls = new AtomicInteger();
  private final CustomerIdResolver resolver =
      new CustomerIdResolver() {
        @Override
        public String currentCustomerId() {
          resolverCalls.incrementAndGet();
          return "resolver-customer";
        }

        @Override
        public String currentVisitorId() {
          return "resolver-visitor";
        }
      };
  private final ReportingFixture fixture = new ReportingFixture(b -> b, resolver);
  private final Services.Newsletter newsletter = new Services.Newsletter();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** The one event sent: who it went out for, "customer:x" or "visitor:y". */
  private String sentFor() {
    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).hasSize(1);
    ReceivedEvent e = events.get(0);
    assertThat(e.customer() == null || e.visitor() == null).as("never both: %s", e).isTrue();
    return e.customer() != null ? "customer:" + e.customer() : "visitor:" + e.visitor();
  }

  @Test
  void theArgumentsCustomerGoesBeforeTheScopeAndTheResolver() {
    try (OptimoveContext.Scope scope = OptimoveContext.of("scope-customer", "scope-visitor")) {
      newsletter.signUp("argument-customer", "a@b.io", true);
    }

    assertThat(sentFor()).isEqualTo("customer:argument-customer");
    assertThat(resolverCalls).hasValue(0);
  }

  @Test
  void theScopesCustomerGoesBeforeAVisitorArgumentAndTheResolver() {
    try (OptimoveContext.Scope scope = OptimoveContext.customer("scope-customer")) {
      newsletter.visit("argument-visitor", "/home");
    }

    assertThat(sentFor()).isEqualTo("customer:scope-customer");
    assertThat(resolverCalls).hasValue(0);
  }

  @Test
  void theArgumentsVisitorGoesBeforeTheScopesVisitor() {
    try (OptimoveContext.Scope scope = OptimoveContext.visitor("scope-visitor")) {
      newsletter.visit("argument-visitor", "/home");
    }

    assertThat(sentFor()).isEqualTo("visitor:argument-visitor");
    assertThat(resolverCalls).hasValue(0);
  }

  @Test
  void aVisitorKnownFromTheScopeGoesBeforeTheResolversCustomer() {
    try (OptimoveContext.Scope scope = OptimoveContext.visitor("scope-visitor")) {
      newsletter.signUpFromContext("a@b.io", true);
    }

    assertThat(sentFor()).isEqualTo("visitor:scope-visitor");
    assertThat(resolverCalls).hasValue(0);
  }

  @Test
  void theResolverIsAskedOnlyWhenNoOtherSourceKnowsAnyone() {
    newsletter.signUpFromContext("a@b.io", true);

    assertThat(sentFor()).isEqualTo("customer:resolver-customer");
    assertThat(resolverCalls).hasValue(1);
  }

  @Test
  void theResolversVisitorIsUsedWhenItKnowsNoCustomer() {
    fixture.close();
    try (ReportingFixture visitorsOnly =
        new ReportingFixture(
            b -> b,
            new CustomerIdResolver() {
              @Override
              public String currentCustomerId() {
                return null;
              }

              @Override
              public String currentVisitorId() {
                return "resolver-visitor";
              }
            })) {
      newsletter.signUpFromContext("a@b.io", true);

      List<ReceivedEvent> events = visitorsOnly.flushed();
      assertThat(events).extracting(ReceivedEvent::visitor).containsExactly("resolver-visitor");
      assertThat(events).extracting(ReceivedEvent::customer).containsOnlyNulls();
    }
  }

  @Test
  void anInvalidIdArgumentIsNotReplacedByTheScopeOrTheResolver() {
    try (OptimoveContext.Scope scope = OptimoveContext.customer("scope-customer")) {
      new IdServices().primitiveDouble(1.5, "fraction");
    }

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped("invalid_customer_id")).isEqualTo(1);
    assertThat(resolverCalls).hasValue(0);
  }

  @Test
  void anInvalidVisitorArgumentIsDroppedAsAnInvalidVisitor() {
    try (OptimoveContext.Scope scope = OptimoveContext.visitor("scope-visitor")) {
      new IdServices().visitor(Double.NaN, "nan");
    }

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped("invalid_visitor_id")).isEqualTo(1);
    assertThat(resolverCalls).hasValue(0);
  }

  /** Woven: an ID read through a getter that fails. */
  static class BrokenIds {
    @dev.optievent.annotation.OptimoveEvent(name = "broken_id")
    public void signUp(
        @dev.optievent.annotation.CustomerId(path = "name") ParamServices.BrokenBean bean) {}
  }

  @Test
  void anIdThatCannotBeReadDropsTheEventOnceWithoutAskingTheResolver() {
    new BrokenIds().signUp(new ParamServices.BrokenBean());

    assertThat(fixture.flushed()).isEmpty();
    dev.optievent.client.ClientStats stats = fixture.client.stats();
    assertThat(stats.dropped("value_capture_failed")).isEqualTo(1);
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(resolverCalls).hasValue(0);
  }

  @Test
  void aResolverThatThrowsDropsTheEventOnceAndNothingElseIsCounted() {
    fixture.close();
    try (ReportingFixture broken =
        new ReportingFixture(
            b -> b,
            () -> {
              throw new IllegalStateException("session store down");
            })) {
      newsletter.signUpFromContext("a@b.io", true);

      assertThat(broken.flushed()).isEmpty();
      dev.optievent.client.ClientStats stats = broken.client.stats();
      assertThat(stats.dropped("identity_resolver_failed")).isEqualTo(1);
      assertThat(stats.dropped()).isEqualTo(1);
      assertThat(stats.accepted()).isEqualTo(1);
    }
  }

  @Test
  void aValueThatCannotBeConvertedDropsTheEventOnce() {
    new ParamServices().brokenText("c-1", new ParamServices.BrokenText());

    assertThat(fixture.flushed()).isEmpty();
    dev.optievent.client.ClientStats stats = fixture.client.stats();
    assertThat(stats.dropped("value_capture_failed")).isEqualTo(1);
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.accepted()).isEqualTo(1);
  }
}
