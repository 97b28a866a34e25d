package dev.optievent.annotation.processor;

import static dev.optievent.annotation.processor.TestCompiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.processor.TestCompiler.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reflection metadata a native image needs for woven methods: the types ajc's join points load
 * by name, the methods the aspect looks up, and the accessors the paths read.
 */
class NativeMetadataTest {

  private static final String SHOP =
      """
      package shop;
      import dev.optievent.annotation.*;
      import java.util.List;
      import java.util.Map;
      public class Shop {
        public record Plan(String name, Price price) {}
        public record Price(long cents) {}
        public static class Person { public String getEmail() { return ""; } }
        public static class Member extends Person {
          public String region;
          public boolean isActive() { return true; }
        }
        public static class Refused extends Exception {}

        @OptimoveEvent(name = "subscribed")
        @EventParam(value = "cents", path = "price.cents")
        public Plan subscribe(@CustomerId(path = "email") Member member,
                              @EventParam(value = "region", path = "region") Member same,
                              @EventParam(value = "active", path = "active") Member again,
                              @EventParam(value = "plan", path = "name") Plan plan,
                              String[] tags, int count, Map<String, Object> extra)
            throws Refused {
          return plan;
        }

        @OptimoveEvent(name = "viewed")
        public void view(@VisitorId String visitor, @EventParam(value = "tag", path = "tag")
                         Map<String, String> data) {}

        public void notReported(List<String> ignored) {}
      }
      """;

  @Test
  void listsTheJoinPointTypesTheLookedUpMethodsAndEveryAccessorThePathsRead() throws Exception {
    Result r = javac().source("shop/Shop.java", SHOP).compile();
    assertThat(r.diagnostics()).isEmpty();

    Map<String, Map<String, Object>> byType = byType(r);

    assertThat(methods(byType, "shop.Shop"))
        .containsExactlyInAnyOrder(
            "subscribe(shop.Shop$Member,shop.Shop$Member,shop.Shop$Member,shop.Shop$Plan,"
                + "java.lang.String[],int,java.util.Map)",
            "view(java.lang.String,java.util.Map)");
    // The accessors, on the class that declares each.
    assertThat(methods(byType, "shop.Shop$Plan")).containsExactlyInAnyOrder("name()", "price()");
    assertThat(methods(byType, "shop.Shop$Price")).containsExactly("cents()");
    assertThat(methods(byType, "shop.Shop$Person")).containsExactly("getEmail()");
    assertThat(methods(byType, "shop.Shop$Member")).containsExactly("isActive()");
    assertThat(byType.get("shop.Shop$Member").get("fields"))
        .isEqualTo(List.of(Map.of("name", "region")));
    // Types ajc's static initializer loads by name: parameters, return, thrown.
    assertThat(byType)
        .containsKeys("java.lang.String", "java.util.Map", "shop.Shop$Refused")
        .doesNotContainKey("java.util.List");
  }

  @Test
  void writesNothingForAModuleWithoutReportingMethods() {
    Result r =
        javac()
            .source("shop/Plain.java", "package shop; public class Plain { void run() {} }")
            .compile();
    assertThat(r.output(OptimoveEventProcessor.NATIVE_RESOURCE)).isNull();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> byType(Result r) throws Exception {
    String json = r.output(OptimoveEventProcessor.NATIVE_RESOURCE);
    assertThat(json).as("the metadata file").isNotNull();
    Map<String, Object> root = (Map<String, Object>) JsonReader.parse(json);
    Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
    for (Object o : (List<Object>) root.get("reflection")) {
      Map<String, Object> entry = (Map<String, Object>) o;
      byType.put((String) entry.get("type"), entry);
    }
    return byType;
  }

  @SuppressWarnings("unchecked")
  private static List<String> methods(Map<String, Map<String, Object>> byType, String type) {
    Map<String, Object> entry = byType.get(type);
    assertThat(entry).as(type).isNotNull();
    List<Object> methods = (List<Object>) entry.getOrDefault("methods", List.of());
    return methods.stream()
        .map(m -> (Map<String, Object>) m)
        .map(
            m ->
                m.get("name")
                    + "("
                    + String.join(",", (List<String>) m.get("parameterTypes"))
                    + ")")
        .toList();
  }
}
