package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.ExecutableHint;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

/**
 * The native-image hints: registered through aot.factories, and found by Spring's own AOT generator
 * for a context with an annotated bean: its methods, and every accessor its paths read.
 */
class NativeHintsTest {

  /** The order a service reports, read through paths. */
  public record Order(String id, Customer customer) {}

  /** A JavaBean. */
  public static class Customer {
    /** Read through the path customer.code. */
    public String code = "c-1";

    /**
     * @return read through the path customer.tier
     */
    public String getTier() {
      return "gold";
    }
  }

  /** A bean with an annotated method whose values come through paths. */
  public static class Orders {
    /**
     * @param order the order
     * @return its id
     */
    @OptimoveEvent(name = "order_placed")
    @EventParam(value = "tier", path = "customer.tier")
    public Order place(
        @CustomerId(path = "customer.code") @EventParam(value = "order_id", path = "id")
            Order order) {
      return order;
    }
  }

  /** A bean without one. */
  public static class Plain {
    /** Not reported. */
    public void run() {}
  }

  @Test
  void theRegistrarAndTheProcessorAreListedInAotFactories() {
    assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
        .hasAtLeastOneElementOfType(OptimoveRuntimeHints.class);
    assertThat(AotServices.factories().load(BeanRegistrationAotProcessor.class))
        .hasAtLeastOneElementOfType(OptimoveBeanAotProcessor.class);
  }

  @Test
  void theLibrarysOwnNeedsAreRegistered() {
    RuntimeHints hints = new RuntimeHints();
    new OptimoveRuntimeHints().registerHints(hints, getClass().getClassLoader());

    assertThat(RuntimeHintsPredicates.resource().forResource(OptimoveRuntimeHints.CATALOG))
        .accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onType(OptimoveEvent.class)).accepts(hints);
    // Java 21 methods: named, since the JVM that runs this test may not have them.
    assertThat(methodsNamed(hints, Executors.class)).contains("newThreadPerTaskExecutor");
    assertThat(methodsNamed(hints, Thread.class)).contains("ofVirtual");
    assertThat(methodsNamed(hints, TypeReference.of("java.lang.Thread$Builder$OfVirtual")))
        .contains("factory");
  }

  @Test
  void springsAotGeneratorRegistersTheAnnotatedMethodsAndEveryAccessorTheirPathsRead()
      throws Exception {
    RuntimeHints hints = processAheadOfTime(Orders.class, Plain.class);

    var reflection = RuntimeHintsPredicates.reflection();
    assertThat(reflection.onMethodInvocation(Orders.class.getMethod("place", Order.class)))
        .accepts(hints);
    assertThat(reflection.onMethodInvocation(Order.class.getMethod("id"))).accepts(hints);
    assertThat(reflection.onMethodInvocation(Order.class.getMethod("customer"))).accepts(hints);
    assertThat(reflection.onMethodInvocation(Customer.class.getMethod("getTier"))).accepts(hints);
    assertThat(reflection.onFieldAccess(Customer.class.getField("code"))).accepts(hints);
    assertThat(reflection.onMethodInvocation(Plain.class.getMethod("run")))
        .as("nothing for a bean without annotated methods")
        .rejects(hints);
  }

  private static List<String> methodsNamed(RuntimeHints hints, Class<?> type) {
    return methodsNamed(hints, TypeReference.of(type));
  }

  private static List<String> methodsNamed(RuntimeHints hints, TypeReference type) {
    TypeHint hint = hints.reflection().getTypeHint(type);
    return hint == null ? List.of() : hint.methods().map(ExecutableHint::getName).toList();
  }

  private static RuntimeHints processAheadOfTime(Class<?>... beans) {
    DefaultGenerationContext generation =
        new DefaultGenerationContext(
            new ClassNameGenerator(ClassName.get("com.example", "App")),
            new InMemoryGeneratedFiles());
    try (GenericApplicationContext context = new GenericApplicationContext()) {
      for (Class<?> bean : beans) {
        context.registerBean(bean);
      }
      new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
    }
    return generation.getRuntimeHints();
  }
}
