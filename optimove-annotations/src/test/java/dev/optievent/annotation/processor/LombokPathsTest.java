package dev.optievent.annotation.processor;

import static dev.optievent.annotation.processor.TestCompiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.processor.TestCompiler.Result;
import org.junit.jupiter.api.Test;

/**
 * A path through a Lombok class is checked against the getters Lombok will write, even when javac
 * runs this processor before Lombok's (the getters do not exist yet then). Lombok is not on this
 * test's path: stand-ins with Lombok's names play its annotations, and no getter is written, which
 * is exactly what this processor sees when it runs first.
 */
class LombokPathsTest {

  private static final String DATA =
      """
      package lombok;
      public @interface Data {}
      """;
  private static final String VALUE =
      """
      package lombok;
      public @interface Value {}
      """;
  private static final String GETTER =
      """
      package lombok;
      public @interface Getter { AccessLevel value() default AccessLevel.PUBLIC; }
      """;
  private static final String ACCESS_LEVEL =
      """
      package lombok;
      public enum AccessLevel { PUBLIC, PACKAGE, PRIVATE, NONE }
      """;

  private static final String SERVICE =
      """
      package shop;
      import dev.optievent.annotation.*;
      public class Service {
        @lombok.Value
        public static class Customer { String id; String tier; }

        @lombok.Data
        public static class Subscription {
          private Customer customer;
          private int seats;
          private boolean trial;
        }

        public static class Partly {
          @lombok.Getter private String plan;
          @lombok.Getter(lombok.AccessLevel.PRIVATE) private String secret;
        }

        @OptimoveEvent(name = "plan_subscribed")
        public void subscribe(
            @CustomerId(path = "customer.id")
            @EventParam(value = "tier", path = "customer.tier")
            @EventParam(value = "seats", path = "seats")
            @EventParam(value = "trial", path = "trial") Subscription s,
            @EventParam(value = "plan", path = "plan") Partly p) {}
      }
      """;

  private static TestCompiler lombokStandIns() {
    return javac()
        .source("lombok/Data.java", DATA)
        .source("lombok/Value.java", VALUE)
        .source("lombok/Getter.java", GETTER)
        .source("lombok/AccessLevel.java", ACCESS_LEVEL);
  }

  @Test
  void pathsThroughLombokFieldsAreTypedByTheFieldsBeforeLombokWritesTheGetters() {
    Result r = lombokStandIns().source("shop/Service.java", SERVICE).compile();

    assertThat(r.success()).as("%s", r.diagnostics()).isTrue();
    assertThat(r.json())
        .contains("{\"name\": \"tier\", \"type\": \"text\", \"mandatory\": false}")
        .contains("{\"name\": \"seats\", \"type\": \"number\", \"mandatory\": false}")
        .contains("{\"name\": \"trial\", \"type\": \"boolean\", \"mandatory\": false}")
        .contains("{\"name\": \"plan\", \"type\": \"text\", \"mandatory\": false}");
  }

  @Test
  void aFieldLombokGivesNoPublicGetterIsStillNoProperty() {
    String code =
        SERVICE.replace(
            "@EventParam(value = \"plan\", path = \"plan\") Partly p",
            "@EventParam(value = \"plan\", path = \"secret\") Partly p");
    Result r = lombokStandIns().source("shop/Service.java", code).compile();

    assertThat(r.success()).isFalse();
    assertThat(r.onlyError().message()).contains("has no property 'secret'");
  }
}
