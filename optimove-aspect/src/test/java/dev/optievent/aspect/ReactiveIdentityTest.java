package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.client.Reasons;
import dev.optievent.testing.ReceivedEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who a woven reactive call reports for when its calling thread names nobody: the subscription's
 * {@link OptimoveReactorContext}, then a {@link ReactiveIdentityResolver}; what the calling thread
 * knows comes first.
 */
class ReactiveIdentityTest {
  private ReportingFixture fixture;
  private final Orders orders = new Orders();

  /** Woven; no @CustomerId: the identity comes from elsewhere. */
  static class Orders {
    @OptimoveEvent(name = "order_placed")
    public Mono<String> place(@EventParam("sku") String sku) {
      return Mono.just("order-of-" + sku);
    }

    @OptimoveEvent(name = "orders_exported")
    public Flux<String> export() {
      return Flux.just("a", "b");
    }
  }

  /** Like Spring Security's reactive support: the user is in the subscriber's context. */
  static final class ContextUserResolver implements CustomerIdResolver, ReactiveIdentityResolver {
    @Override
    public String currentCustomerId() {
      return null; // a WebFlux thread knows nobody
    }

    @Override
    public Mono<String> reactiveCustomerId() {
      return Mono.deferContextual(
          context -> Mono.justOrEmpty(context.<String>getOrDefault("user", null)));
    }

    @Override
    public Mono<String> reactiveVisitorId() {
      return Mono.deferContextual(
          context -> Mono.justOrEmpty(context.<String>getOrDefault("session", null)));
    }
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private List<ReceivedEvent> run(CustomerIdResolver resolver, Runnable calls) {
    fixture = new ReportingFixture(b -> b, resolver);
    calls.run();
    return fixture.flushed();
  }

  @Test
  void theSubscriptionsContextNamesTheCustomer() {
    List<ReceivedEvent> events =
        run(
            null,
            () -> {
              orders.place("s-1").contextWrite(OptimoveReactorContext.customer("c-ctx")).block();
              orders.export().contextWrite(OptimoveReactorContext.visitor("v-ctx")).blockLast();
            });

    assertThat(events)
        .extracting(e -> e.event() + ":" + e.customer() + ":" + e.visitor())
        .containsExactlyInAnyOrder("order_placed:c-ctx:null", "orders_exported:null:v-ctx");
  }

  @Test
  void whatTheCallingThreadKnowsComesFirst() {
    List<ReceivedEvent> events =
        run(
            new ContextUserResolver(),
            () -> {
              Mono<String> placed;
              try (OptimoveContext.Scope scope = OptimoveContext.customer("c-thread")) {
                placed = orders.place("s-1");
              }
              placed
                  .contextWrite(OptimoveReactorContext.customer("c-ctx"))
                  .contextWrite(context -> context.put("user", "c-security"))
                  .block();
            });

    assertThat(events).extracting(ReceivedEvent::customer).containsExactly("c-thread");
  }

  @Test
  void twoUsersSubscriptionsEachReportTheirOwnUser() {
    List<ReceivedEvent> events =
        run(
            new ContextUserResolver(),
            () -> {
              Mono<String> forAlice = orders.place("s-a");
              Mono<String> forBob = orders.place("s-b");
              Mono.zip(
                      forBob.contextWrite(context -> context.put("user", "bob")),
                      forAlice.contextWrite(context -> context.put("user", "alice")))
                  .block();
              orders.export().contextWrite(context -> context.put("session", "v-9")).blockLast();
            });

    assertThat(events)
        .as("%s", fixture.client.stats())
        .extracting(e -> e.context().get("sku") + "=" + e.customer())
        .containsExactlyInAnyOrder("s-a=alice", "s-b=bob", "null=null");
    assertThat(events)
        .filteredOn(e -> e.event().equals("orders_exported"))
        .extracting(ReceivedEvent::visitor)
        .containsExactly("v-9");
  }

  @Test
  void theContextComesBeforeTheReactiveResolver() {
    List<ReceivedEvent> events =
        run(
            new ContextUserResolver(),
            () ->
                orders
                    .place("s-1")
                    .contextWrite(OptimoveReactorContext.visitor("v-ctx"))
                    .contextWrite(context -> context.put("user", "c-security"))
                    .block());

    assertThat(events).extracting(ReceivedEvent::visitor).containsExactly("v-ctx");
  }

  @Test
  void aFailingReactiveResolverDropsTheEventButNotTheWork() {
    CustomerIdResolver failing = new FailingResolver();
    List<ReceivedEvent> events =
        run(failing, () -> assertThat(orders.place("s-1").block()).isEqualTo("order-of-s-1"));

    assertThat(events).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.IDENTITY_RESOLVER_FAILED)).isEqualTo(1);
  }

  @Test
  void nobodyAnywhereIsDroppedAsNoIdentityAndANullIdNamesNobody() {
    List<ReceivedEvent> events =
        run(
            new ContextUserResolver(),
            () -> orders.place("s-1").contextWrite(OptimoveReactorContext.customer(null)).block());

    assertThat(events).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.NO_IDENTITY)).isEqualTo(1);
  }

  /** Its reactive side fails; the business Mono must not see it. */
  static final class FailingResolver implements CustomerIdResolver, ReactiveIdentityResolver {
    @Override
    public String currentCustomerId() {
      return null;
    }

    @Override
    public Mono<String> reactiveCustomerId() {
      return Mono.error(new IllegalStateException("security context unavailable"));
    }
  }
}
