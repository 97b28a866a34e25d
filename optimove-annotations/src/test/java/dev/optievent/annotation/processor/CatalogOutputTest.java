package dev.optievent.annotation.processor;

import static dev.optievent.annotation.processor.TestCompiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.processor.TestCompiler.Result;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The catalog of every event in the module, as JSON (the runtime's format) and as Markdown. */
class CatalogOutputTest {

  private static final String NEWSLETTER =
      """
      package shop;
      import dev.optievent.annotation.*;
      public class Newsletter {
        @OptimoveEvent(name = "newsletter_signup")
        public void signUp(@CustomerId String customerId,
                           @EventParam("email") String email,
                           @EventParam("opt_in") boolean optIn) {}
      }
      """;

  private static final String CHECKOUT =
      """
      package shop;
      import dev.optievent.annotation.*;
      import java.math.BigDecimal;
      import java.util.concurrent.CompletableFuture;
      public class Checkout {
        public record Cart(int items, BigDecimal total, String currency) {}
        public record Order(String id) {}
        @OptimoveEvent(name = "checkout_completed")
        @EventParam(value = "order_id", path = "id")
        public Order checkout(@EventParam(value = "total", path = "total")
                              @EventParam(value = "items", path = "items") Cart cart) {
          return new Order("o-1");
        }
        @OptimoveEvent(name = "points_awarded")
        @EventParam("balance")
        public CompletableFuture<Integer> award(@CustomerId String customer,
                                                @EventParam("points") int points) {
          return CompletableFuture.completedFuture(points);
        }
        @OptimoveEvent(name = "product_viewed")
        public void view(@VisitorId String visitor) {}
      }
      """;

  @Test
  void writesTheRuntimeCatalogOfEveryEventInTheModule() {
    Result r =
        javac()
            .source("shop/Newsletter.java", NEWSLETTER)
            .source("shop/Checkout.java", CHECKOUT)
            .compile();
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.json())
        .isEqualTo(
            """
        {
          "events": [
            {
              "name": "checkout_completed",
              "parameters": [
                {"name": "total", "type": "number", "mandatory": false},
                {"name": "items", "type": "number", "mandatory": false},
                {"name": "order_id", "type": "text", "mandatory": false}
              ],
              "sources": ["shop.Checkout#checkout"]
            },
            {
              "name": "newsletter_signup",
              "parameters": [
                {"name": "email", "type": "text", "mandatory": false},
                {"name": "opt_in", "type": "boolean", "mandatory": true}
              ],
              "sources": ["shop.Newsletter#signUp"]
            },
            {
              "name": "points_awarded",
              "parameters": [
                {"name": "points", "type": "number", "mandatory": true},
                {"name": "balance", "type": "number", "mandatory": false}
              ],
              "sources": ["shop.Checkout#award"]
            },
            {
              "name": "product_viewed",
              "parameters": [],
              "sources": ["shop.Checkout#view"]
            }
          ]
        }
        """);
  }

  @Test
  void writesAMarkdownTableToSendToOptimove() {
    Result r =
        javac()
            .source("shop/Newsletter.java", NEWSLETTER)
            .source("shop/Checkout.java", CHECKOUT)
            .compile();
    assertThat(r.markdown())
        .isEqualTo(
            """
        # Optimove events and parameters

        Events & Parameter request for Optimove's Product Integration Team, generated from the\
         code by the OptiEvent annotation processor. Names are case sensitive. "Always present"\
         says whether every reported event carries the parameter.

        | Event name | Parameter name | Parameter type | Always present |
        |---|---|---|---|
        | `checkout_completed` | `total` | number | no |
        | `checkout_completed` | `items` | number | no |
        | `checkout_completed` | `order_id` | text | no |
        | `newsletter_signup` | `email` | text | no |
        | `newsletter_signup` | `opt_in` | boolean | yes |
        | `points_awarded` | `points` | number | yes |
        | `points_awarded` | `balance` | number | no |
        | `product_viewed` | (none) | | |

        Reported by:

        - `checkout_completed`: `shop.Checkout#checkout`
        - `newsletter_signup`: `shop.Newsletter#signUp`
        - `points_awarded`: `shop.Checkout#award`
        - `product_viewed`: `shop.Checkout#view`
        """);
  }

  @Test
  void theWrittenCatalogReadsBackAsACatalogFile() throws Exception {
    Result r =
        javac()
            .source("shop/Newsletter.java", NEWSLETTER)
            .source("shop/Checkout.java", CHECKOUT)
            .compile();
    CatalogFile back = CatalogFile.parse(Paths.get("events.json"), r.json());
    assertThat(back.events())
        .containsOnlyKeys(
            "checkout_completed", "newsletter_signup", "points_awarded", "product_viewed");
    assertThat(back.events().get("newsletter_signup").params().values())
        .containsExactly(
            new CatalogFile.Param("email", ValueTypes.Kind.TEXT, false),
            new CatalogFile.Param("opt_in", ValueTypes.Kind.BOOLEAN, true));
  }

  @Test
  void mapsJavaTypesLikeTheRuntime() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        import java.math.*;
        import java.time.*;
        import java.util.*;
        import java.util.concurrent.atomic.AtomicLong;
        public class Types {
          public enum Tier { GOLD }
          @OptimoveEvent(name = "types")
          public void all(@EventParam("string") String a, @EventParam("builder") StringBuilder b,
              @EventParam("enum") Tier c, @EventParam("uuid") UUID d, @EventParam("char") char e,
              @EventParam("character") Character f, @EventParam("instant") Instant g,
              @EventParam("zoned") ZonedDateTime h, @EventParam("offset") OffsetDateTime i,
              @EventParam("local_date_time") LocalDateTime j, @EventParam("local_date") LocalDate k,
              @EventParam("date") Date l, @EventParam("sql_date") java.sql.Timestamp m,
              @EventParam("int") int n, @EventParam("long") Long o, @EventParam("big") BigDecimal p,
              @EventParam("bigint") BigInteger q, @EventParam("atomic") AtomicLong r,
              @EventParam("float") float s, @EventParam("bool") boolean t,
              @EventParam("boxed_bool") Boolean u, @EventParam("opt_string") Optional<String> v,
              @EventParam("opt_int") OptionalInt w, @EventParam("opt_double") OptionalDouble x,
              @EventParam("number") Number y) {}
        }
        """;
    Result r = javac().source("shop/Types.java", code).option("-proc:only").compile();
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.json())
        .contains(
            "{\"name\": \"string\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"builder\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"enum\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"uuid\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"char\", \"type\": \"text\", \"mandatory\": true}",
            "{\"name\": \"character\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"instant\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"zoned\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"offset\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"local_date_time\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"local_date\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"date\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"sql_date\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"int\", \"type\": \"number\", \"mandatory\": true}",
            "{\"name\": \"long\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"big\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"bigint\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"atomic\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"float\", \"type\": \"number\", \"mandatory\": true}",
            "{\"name\": \"bool\", \"type\": \"boolean\", \"mandatory\": true}",
            "{\"name\": \"boxed_bool\", \"type\": \"boolean\", \"mandatory\": false}",
            "{\"name\": \"opt_string\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"opt_int\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"opt_double\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"number\", \"type\": \"number\", \"mandatory\": false}");
  }

  @Test
  void followsPathsThroughRecordsGettersFieldsOptionalsAndMaps() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        import java.util.*;
        public class Paths {
          public record Plan(String name, Optional<Price> price) {}
          public record Price(double amount) {}
          public static class Account {
            public Plan getPlan() { return null; }
            public boolean isActive() { return true; }
            public Boolean isTrial() { return null; }
            public long balance;
            public Map<String, Integer> counters;
            public Map<String, Object> attributes;
            public Map<String, Plan> plans;
          }
          @OptimoveEvent(name = "paths")
          public void all(
              @EventParam(value = "plan", path = "plan.name")
              @EventParam(value = "amount", path = "plan.price.amount")
              @EventParam(value = "active", path = "active")
              @EventParam(value = "trial", path = "trial")
              @EventParam(value = "balance", path = "balance")
              @EventParam(value = "visits", path = "counters.visits")
              @EventParam(value = "gold_name", path = "plans.gold.name")
              @EventParam(value = "source", path = "attributes.source.anything") Account account) {}
        }
        """;
    Result r = javac().source("shop/Paths.java", code).option("-proc:only").compile();
    assertThat(r.errors()).isEmpty();
    assertThat(r.warnings())
        .singleElement()
        .satisfies(
            w -> assertThat(w.message()).contains("parameter 'source' reads java.lang.Object"));
    assertThat(r.json())
        .contains(
            "{\"name\": \"plan\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"amount\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"active\", \"type\": \"boolean\", \"mandatory\": false}",
            "{\"name\": \"trial\", \"type\": \"boolean\", \"mandatory\": false}",
            "{\"name\": \"balance\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"visits\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"gold_name\", \"type\": \"text\", \"mandatory\": false}",
            "\"description\": \"Also reported, with a type known only per value at run time (not"
                + " listed; add by hand): source\"")
        .doesNotContain("\"name\": \"source\"");
    assertThat(r.markdown())
        .contains("| `paths` | `source` | decided per value (state it by hand) | no |");
  }

  @Test
  void aValueMarkedNonNullIsAlwaysPresent() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        import java.lang.annotation.*;
        public class Strict {
          @Retention(RetentionPolicy.CLASS) @Target({ElementType.PARAMETER, ElementType.METHOD})
          public @interface NonNull {}
          @Retention(RetentionPolicy.CLASS) @Target(ElementType.TYPE_USE)
          public @interface NotNull {}
          public record Cart(@NonNull String currency, Integer items, @NotNull Long total) {}
          @OptimoveEvent(name = "strict")
          @NonNull
          @EventParam("result")
          public String checkout(@EventParam("email") @NonNull String email,
                                 @EventParam("name") @NotNull String name,
                                 @EventParam(value = "currency", path = "currency")
                                 @EventParam(value = "items", path = "items")
                                 @EventParam(value = "total", path = "total") @NonNull Cart cart,
                                 @EventParam(value = "loose", path = "currency") Cart maybe) {
            return "";
          }
        }
        """;
    Result r = javac().source("shop/Strict.java", code).option("-proc:only").compile();
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.json())
        .contains(
            "{\"name\": \"email\", \"type\": \"text\", \"mandatory\": true}",
            "{\"name\": \"name\", \"type\": \"text\", \"mandatory\": true}",
            "{\"name\": \"currency\", \"type\": \"text\", \"mandatory\": true}",
            "{\"name\": \"items\", \"type\": \"number\", \"mandatory\": false}",
            "{\"name\": \"total\", \"type\": \"number\", \"mandatory\": true}",
            "{\"name\": \"loose\", \"type\": \"text\", \"mandatory\": false}",
            "{\"name\": \"result\", \"type\": \"text\", \"mandatory\": true}");
  }

  @Test
  void mergesTheMethodsThatReportOneEvent() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Signups {
          @OptimoveEvent(name = "signup")
          public void web(@EventParam("email") String email, @EventParam("opt_in") boolean optIn,
                          @EventParam("campaign") String campaign) {}
          @OptimoveEvent(name = "signup")
          public void shop(@EventParam("email") String email, @EventParam("opt_in") boolean optIn,
                           @EventParam("store") int store) {}
        }
        """;
    Result r = javac().source("shop/Signups.java", code).option("-proc:only").compile();
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.json())
        .contains(
            String.join(
                "\n",
                "      \"parameters\": [",
                "        {\"name\": \"email\", \"type\": \"text\", \"mandatory\": false},",
                "        {\"name\": \"opt_in\", \"type\": \"boolean\", \"mandatory\": true},",
                "        {\"name\": \"store\", \"type\": \"number\", \"mandatory\": false},",
                "        {\"name\": \"campaign\", \"type\": \"text\", \"mandatory\": false}",
                "      ],",
                "      \"sources\": [\"shop.Signups#shop\", \"shop.Signups#web\"]"));
  }

  @Test
  void writesNothingForAModuleWithoutEvents() {
    Result r = javac().source("shop/Plain.java", "package shop; public class Plain {}").compile();
    assertThat(r.json()).isNull();
    assertThat(r.markdown()).isNull();
  }

  @Test
  void escapesNamesInJsonAndMarkdown() {
    GeneratedCatalog catalog = new GeneratedCatalog();
    assertThat(GeneratedCatalog.json("a\"b\\c\nd\u0001é")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
    assertThat(GeneratedCatalog.code("a|b")).isEqualTo("`a\\|b`");
    assertThat(GeneratedCatalog.code("a`b")).isEqualTo("``a`b``");
    assertThat(GeneratedCatalog.code("`x")).isEqualTo("`` `x ``");
    assertThat(GeneratedCatalog.code("line\nbreak")).isEqualTo("`line break`");
    assertThat(catalog.isEmpty()).isTrue();
  }

  @Test
  void oddEventNamesSurviveTheRoundTripThroughTheJsonCatalog() throws Exception {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Odd {
          @OptimoveEvent(name = "Checkout \\"Completed\\" | \\\\ `now` \\u00e9\\t")
          public void odd(@EventParam("a|b") String a) {}
        }
        """;
    Result r = javac().source("shop/Odd.java", code).option("-proc:only").compile();
    assertThat(r.diagnostics()).isEmpty();
    CatalogFile back = CatalogFile.parse(Paths.get("events.json"), r.json());
    assertThat(back.events()).containsOnlyKeys("Checkout \"Completed\" | \\ `now` \u00e9\t");
    assertThat(r.markdown())
        .contains("| ``Checkout \"Completed\" \\| \\ `now` \u00e9\t`` | `a\\|b` | text | no |");
  }
}
