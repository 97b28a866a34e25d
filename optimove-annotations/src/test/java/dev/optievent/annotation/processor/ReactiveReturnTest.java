package dev.optievent.annotation.processor;

import static dev.optievent.annotation.processor.TestCompiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.processor.TestCompiler.Diag;
import dev.optievent.annotation.processor.TestCompiler.Result;
import org.junit.jupiter.api.Test;

/**
 * Methods that return a publisher: a {@code Mono}'s value is the return value, a {@code Flux} has
 * none, and a publisher of another type cannot be awaited. Reactor's types are stand-ins of the
 * same names, so that this module needs no Reactor.
 */
class ReactiveReturnTest {
  private static final String PUBLISHER =
      "package org.reactivestreams; public interface Publisher<T> {}";
  private static final String MONO =
      "package reactor.core.publisher;"
          + " public abstract class Mono<T> implements org.reactivestreams.Publisher<T> {}";
  private static final String FLUX =
      "package reactor.core.publisher;"
          + " public abstract class Flux<T> implements org.reactivestreams.Publisher<T> {}";
  private static final String PARALLEL =
      "package reactor.core.publisher;"
          + " public abstract class ParallelFlux<T> implements org.reactivestreams.Publisher<T> {}";

  private static final String SINGLE =
      "package io.reactivex.rxjava3.core; public abstract class Single<T> {}";
  private static final String FLOWABLE =
      "package io.reactivex.rxjava3.core;"
          + " public abstract class Flowable<T> implements org.reactivestreams.Publisher<T> {}";

  private static Result compile(String code) {
    return javac()
        .source("org/reactivestreams/Publisher.java", PUBLISHER)
        .source("io/reactivex/rxjava3/core/Single.java", SINGLE)
        .source("io/reactivex/rxjava3/core/Flowable.java", FLOWABLE)
        .source("reactor/core/publisher/Mono.java", MONO)
        .source("reactor/core/publisher/Flux.java", FLUX)
        .source("reactor/core/publisher/ParallelFlux.java", PARALLEL)
        .source("shop/Service.java", code)
        .compile();
  }

  private static String service(String returnType, String annotations) {
    return """
        package shop;
        import dev.optievent.annotation.*;
        import reactor.core.publisher.*;
        public class Service {
          public record Receipt(String orderId, int total) {}
          @OptimoveEvent(name = "order_placed")
          %s
          public %s place(@CustomerId String customer) { return null; }
        }
        """
        .formatted(annotations, returnType);
  }

  @Test
  void aMonosValueFeedsReturnValueParametersThroughItsPaths() {
    Result r =
        compile(
            service(
                "Mono<Receipt>",
                "@EventParam(value = \"order_id\", path = \"orderId\")"
                    + " @EventParam(value = \"total\", path = \"total\")"));

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.success()).isTrue();
  }

  @Test
  void aPathMissingOnTheMonosValueFails() {
    Result r = compile(service("Mono<Receipt>", "@EventParam(value = \"sku\", path = \"sku\")"));

    Diag d = r.onlyError();
    assertThat(d.message()).contains("sku").contains("orderId");
  }

  @Test
  void aReturnValueParameterOnAFluxFails() {
    Result r =
        compile(service("Flux<Receipt>", "@EventParam(value = \"total\", path = \"total\")"));

    Diag d = r.onlyError();
    assertThat(d.message())
        .contains("completes with no single value")
        .contains("put @EventParam on an argument instead, or return a Mono");
  }

  @Test
  void aReturnValueParameterOnAPlainPublisherFails() {
    Result r =
        compile(
            service(
                "org.reactivestreams.Publisher<Receipt>",
                "@EventParam(value = \"total\", path = \"total\")"));

    assertThat(r.onlyError().message()).contains("completes with no single value");
  }

  @Test
  void aFluxOrAPublisherWithoutReturnValueParametersCompiles() {
    assertThat(compile(service("Flux<Receipt>", "")).diagnostics()).isEmpty();
    assertThat(compile(service("org.reactivestreams.Publisher<Receipt>", "")).diagnostics())
        .isEmpty();
  }

  @Test
  void rxJavasSingleIsAMonoAndItsFlowableAFlux() {
    String single = "io.reactivex.rxjava3.core.Single<Receipt>";
    String flowable = "io.reactivex.rxjava3.core.Flowable<Receipt>";
    assertThat(
            compile(service(single, "@EventParam(value = \"total\", path = \"total\")"))
                .diagnostics())
        .isEmpty();
    assertThat(compile(service(flowable, "")).diagnostics()).isEmpty();

    assertThat(
            compile(service(flowable, "@EventParam(value = \"total\", path = \"total\")"))
                .onlyError()
                .message())
        .contains("completes with no single value");
  }

  @Test
  void aPublisherOfAnotherTypeFailsAndSaysWhatToReturn() {
    Result r = compile(service("ParallelFlux<Receipt>", ""));

    Diag d = r.onlyError();
    assertThat(d.message())
        .contains("shop.Service.place(String)")
        .contains("a Publisher whose completion cannot be awaited")
        .contains("Return a Mono, a Flux, a Publisher or a CompletionStage");
  }
}
