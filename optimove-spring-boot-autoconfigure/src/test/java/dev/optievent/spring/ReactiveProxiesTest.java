package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.spring.ReactiveOrderService.Receipt;
import dev.optievent.spring.woven.WovenReactiveOrders;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Beans whose reporting methods return a Mono or a Flux, in a real context: proxied only, and woven
 * as well as proxied. Either way each call is reported once, when its work completes, and never for
 * work that fails, is cancelled or is never subscribed to.
 */
class ReactiveProxiesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final FakeOptimoveServer server = FakeOptimoveServer.start();

  @AfterEach
  void stop() {
    OptimoveReporting.disconnect();
    server.close();
  }

  static Stream<Arguments> services() {
    Supplier<ReactiveOrderService> proxied = ReactiveOrders::new;
    Supplier<ReactiveOrderService> woven = WovenReactiveOrders::new;
    return Stream.of(Arguments.of("proxied", proxied), Arguments.of("woven and proxied", woven));
  }

  private ApplicationContextRunner app(Supplier<ReactiveOrderService> service) {
    return OptimoveContexts.reportingTo(server).withBean(ReactiveOrderService.class, service);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void aMonoIsReportedOnceWhenItCompletesWithItsValue(
      String kind, Supplier<ReactiveOrderService> service) {
    app(service)
        .run(
            context -> {
              ReactiveOrderService orders = context.getBean(ReactiveOrderService.class);
              assertThat(AopUtils.isAopProxy(orders)).isTrue();
              Sinks.One<Receipt> work = Sinks.one();
              Mono<Receipt> placed = orders.place("c-1", work.asMono());
              placed.subscribe();
              placed.subscribe();
              assertThat(client(context).stats().accepted()).isZero();

              work.tryEmitValue(new Receipt("o-7", 70));

              List<ReceivedEvent> events = settled(context);
              assertThat(events).hasSize(1);
              assertThat(events.get(0).customer()).isEqualTo("c-1");
              assertThat(events.get(0).context())
                  .containsEntry("order_id", "o-7")
                  .containsEntry("total", 70);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void failedCancelledAndUnsubscribedWorkIsNotReported(
      String kind, Supplier<ReactiveOrderService> service) {
    app(service)
        .run(
            context -> {
              ReactiveOrderService orders = context.getBean(ReactiveOrderService.class);
              Mono<Receipt> failed = orders.place("c-1", Mono.error(new IllegalStateException()));
              assertThatThrownBy(failed::block).isInstanceOf(IllegalStateException.class);
              Sinks.One<Receipt> work = Sinks.one();
              orders.place("c-1", work.asMono()).subscribe().dispose();
              work.tryEmitValue(new Receipt("o-1", 1));
              orders.place("c-1", Mono.just(new Receipt("o-2", 2)));
              assertThat(orders.export("c-1", Flux.just("a", "b")).take(1).blockLast())
                  .isEqualTo("a");

              assertThat(settled(context)).isEmpty();
              assertThat(client(context).stats().dropped()).isZero();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void aFluxIsReportedOnceWhenItCompletes(String kind, Supplier<ReactiveOrderService> service) {
    app(service)
        .run(
            context -> {
              ReactiveOrderService orders = context.getBean(ReactiveOrderService.class);
              Flux<String> rows = orders.export("c-2", Flux.just("a", "b"));
              assertThat(rows.collectList().block()).containsExactly("a", "b");
              assertThat(rows.collectList().block()).containsExactly("a", "b");

              List<ReceivedEvent> events = settled(context);
              assertThat(events)
                  .extracting(ReceivedEvent::event)
                  .containsExactly("orders_exported");
              assertThat(events.get(0).customer()).isEqualTo("c-2");
            });
  }

  private static OptimoveClient client(org.springframework.context.ApplicationContext context) {
    return context.getBean(OptimoveClient.class);
  }

  private List<ReceivedEvent> settled(org.springframework.context.ApplicationContext context) {
    assertThat(client(context).flush(WAIT)).isTrue();
    return server.acceptedEvents();
  }
}
