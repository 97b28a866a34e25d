package dev.optievent.annotation.processor;

import static dev.optievent.annotation.processor.TestCompiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.processor.TestCompiler.Diag;
import dev.optievent.annotation.processor.TestCompiler.Result;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Every misuse fails the compilation at the annotation that causes it, naming the method and saying
 * what to change.
 */
class MisuseTest {

  private static Result compile(String code) {
    return javac().source("shop/Service.java", code).compile();
  }

  /** The 1-based line of the first line of {@code code} that contains {@code marker}. */
  static long lineOf(String code, String marker) {
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line contains " + marker);
  }

  private static void assertError(Result r, String code, String marker, String... parts) {
    assertThat(r.success()).as("compilation succeeded: %s", r.diagnostics()).isFalse();
    Diag d = r.onlyError();
    assertThat(d.kind()).isEqualTo(Diagnostic.Kind.ERROR);
    assertThat(d.file()).isEqualTo("Service.java");
    assertThat(d.line()).as("line of %s", d).isEqualTo(lineOf(code, marker));
    assertThat(d.message()).contains(parts);
  }

  @Test
  void eventParamOnAnArgumentOfAMethodWithoutOptimoveEventFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          public void signUp(String customer,
                             @EventParam("email") String email) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(\"email\")",
        "@EventParam(\"email\") on argument 'email' of method shop.Service.signUp(String, String)"
            + " has no effect: the method has no @OptimoveEvent",
        "Add @OptimoveEvent(name = \"...\") to the method, or remove @EventParam(\"email\")");
  }

  @Test
  void eventParamOnAMethodWithoutOptimoveEventFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @EventParam(value = "order_id", path = "id")
          public String checkout() { return "o-1"; }
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(value = \"order_id\"",
        "@EventParam(\"order_id\") of method shop.Service.checkout() has no effect: the method has"
            + " no @OptimoveEvent");
  }

  @Test
  void repeatedEventParamsWithoutOptimoveEventFailOncePerAnnotation() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          public void pay(@EventParam(value = "total", path = "total")
                          @EventParam(value = "items", path = "items") Cart cart) {}
          public record Cart(int items, double total) {}
        }
        """;
    Result r = compile(code);
    assertThat(r.errors())
        .extracting(Diag::message)
        .satisfiesExactlyInAnyOrder(
            m ->
                assertThat(m)
                    .startsWith(
                        "@EventParam(\"total\") on argument 'cart' of method shop.Service.pay(Cart)"),
            m ->
                assertThat(m)
                    .startsWith(
                        "@EventParam(\"items\") on argument 'cart' of method shop.Service.pay(Cart)"));
  }

  @Test
  void customerIdOnAMethodWithoutOptimoveEventFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          public void signUp(@CustomerId String customer) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@CustomerId",
        "@CustomerId on argument 'customer' of method shop.Service.signUp(String) has no effect:"
            + " the method has no @OptimoveEvent",
        "or remove @CustomerId");
  }

  @Test
  void visitorIdOnAMethodWithoutOptimoveEventFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          public void view(@VisitorId String visitor) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@VisitorId",
        "@VisitorId on argument 'visitor' of method shop.Service.view(String) has no effect");
  }

  @Test
  void eventParamOnAConstructorArgumentFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          public Service(@EventParam("region") String region) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(\"region\")",
        "@EventParam(\"region\") on argument 'region' of constructor shop.Service(String) has no"
            + " effect: only methods annotated with @OptimoveEvent report events");
  }

  @Test
  void annotationsOnAnInterfaceMethodThatTheImplementationReportsFail() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service implements Api {
          @OptimoveEvent(name = "signup")
          public void signUp(@EventParam("email") String email) {}
        }
        interface Api {
          void signUp(@EventParam("email") String email);
        }
        """;
    assertError(
        compile(code),
        code,
        "String email);",
        "@EventParam(\"email\") on argument 'email' of method shop.Api.signUp(String) has no effect");
  }

  @Test
  void aBlankEventKeyFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "  ")
          public void signUp(@EventParam("email") String email) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@OptimoveEvent",
        "@OptimoveEvent method shop.Service.signUp(String): @OptimoveEvent(name) is blank; set it"
            + " to the event key configured with Optimove");
  }

  @Test
  void aBlankParameterNameFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "signup")
          public void signUp(@EventParam("") String email) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(\"\")",
        "@OptimoveEvent method shop.Service.signUp(String): an @EventParam name is blank (on"
            + " argument 'email'); set it to the parameter name configured with Optimove");
  }

  @Test
  void twoParametersWithTheSameNameFail() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "signup")
          public void signUp(@EventParam("email") String email,
                             @EventParam("email") String backupEmail) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "String backupEmail",
        "@OptimoveEvent method shop.Service.signUp(String, String): parameter 'email' is declared"
            + " twice (on argument 'email' and on argument 'backupEmail'); each parameter name may"
            + " appear once in an event: rename or remove one");
  }

  @Test
  void anArgumentAndTheReturnValueWithTheSameNameFail() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "checkout")
          @EventParam("id")
          public String checkout(@EventParam("id") String cartId) { return "o-1"; }
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(\"id\")",
        "parameter 'id' is declared twice (on argument 'cartId' and on the return value)");
  }

  @Test
  void twoCustomerIdsFail() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "transfer")
          public void transfer(@CustomerId String from,
                               @CustomerId String to) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@CustomerId String to",
        "@OptimoveEvent method shop.Service.transfer(String, String): more than one @CustomerId"
            + " (argument 'from' and argument 'to'); keep one");
  }

  @Test
  void twoVisitorIdsFail() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "merge")
          public void merge(@VisitorId String a,
                            @VisitorId String b) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@VisitorId String b",
        "more than one @VisitorId (argument 'a' and argument 'b'); keep one");
  }

  @Test
  void aTypeThatCannotMapWithoutAPathFailsAndSuggestsAPath() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        import java.util.Currency;
        public class Service {
          @OptimoveEvent(name = "plan_chosen")
          public void choose(@EventParam("plan") Plan plan) {}
          public record Plan(String name, int price, Currency currency) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(\"plan\")",
        "@OptimoveEvent method shop.Service.choose(Plan): parameter 'plan' reads shop.Service.Plan"
            + " from argument 'plan', which cannot be sent as text, number or boolean; add a path to"
            + " one of its properties, e.g. @EventParam(value = \"plan\", path = \"name\")"
            + " (properties that map: name, price)");
  }

  @Test
  void aPathThatEndsAtATypeThatCannotMapFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        import java.util.Currency;
        public class Service {
          @OptimoveEvent(name = "plan_chosen")
          public void choose(@EventParam(value = "currency", path = "currency") Plan plan) {}
          public record Plan(String name, Currency currency) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(value = \"currency\"",
        "parameter 'currency' reads java.util.Currency from argument 'plan' (path 'currency'),"
            + " which cannot be sent as text, number or boolean; extend the path to one of its"
            + " properties, e.g. @EventParam(value = \"currency\", path = \"currency.currencyCode\")");
  }

  @Test
  void aCollectionCannotMap() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        import java.util.List;
        public class Service {
          @OptimoveEvent(name = "tagged")
          public void tag(@EventParam("tags") List<String> tags, @EventParam("ids") long[] ids) {}
        }
        """;
    Result r = compile(code);
    assertThat(r.errors())
        .extracting(Diag::message)
        .satisfiesExactly(
            m ->
                assertThat(m)
                    .contains(
                        "parameter 'tags' reads java.util.List<java.lang.String> from"
                            + " argument 'tags', which cannot be sent as text, number or boolean"),
            m ->
                assertThat(m)
                    .contains(
                        "parameter 'ids' reads long[] from argument 'ids', which cannot"
                            + " be sent as text, number or boolean; declare a text (String, enum, UUID, date-time),"
                            + " number or boolean type instead"));
  }

  @Test
  void aPathSegmentMissingOnTheDeclaredTypeFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "subscribed")
          public void subscribe(@EventParam(value = "plan", path = "plan.title") Subscription s) {}
          public record Subscription(PlanChoice plan) {}
          public static class PlanChoice {
            public String getName() { return "gold"; }
            public boolean isYearly() { return true; }
            public int price;
            private String secret;
            public static String CONSTANT = "x";
          }
        }
        """;
    assertError(
        compile(code),
        code,
        "path = \"plan.title\"",
        "@OptimoveEvent method shop.Service.subscribe(Subscription): parameter 'plan' on argument"
            + " 's': path 'plan.title': shop.Service.PlanChoice has no property 'title' (no record"
            + " component, getter getTitle()/isTitle(), public field or Map key); its properties"
            + " are name, price, yearly; fix the path");
  }

  @Test
  void privateFieldsStaticFieldsAndNonBooleanIsGettersAreNotProperties() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "e")
          public void a(@EventParam(value = "s", path = "secret") Bean b) {}
          @OptimoveEvent(name = "e")
          public void b(@EventParam(value = "c", path = "CONSTANT") Bean b) {}
          @OptimoveEvent(name = "e")
          public void c(@EventParam(value = "n", path = "name") Bean b) {}
          public static class Bean {
            private String secret;
            public static String CONSTANT = "x";
            public String isName() { return "not a getter: is... must return boolean"; }
          }
        }
        """;
    Result r = compile(code);
    assertThat(r.errors())
        .extracting(Diag::message)
        .satisfiesExactly(
            m -> assertThat(m).contains("has no property 'secret'"),
            m -> assertThat(m).contains("has no property 'CONSTANT'"),
            m -> assertThat(m).contains("has no property 'name'"));
  }

  @Test
  void aPathWithAnEmptySegmentFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "subscribed")
          public void subscribe(@EventParam(value = "plan", path = "plan..name") Subscription s) {}
          public record Subscription(Plan plan) {}
          public record Plan(String name) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "plan..name",
        "path 'plan..name' has an empty segment; separate property names with single dots");
  }

  @Test
  void aPathIntoAPrimitiveFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "e")
          public void a(@EventParam(value = "n", path = "count.value") Cart c) {}
          public record Cart(int count) {}
        }
        """;
    assertError(
        compile(code), code, "count.value", "path 'count.value': int has no property 'value'");
  }

  @Test
  void aCustomerIdPathMissingOnTheTypeFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "e")
          public void a(@CustomerId(path = "customerId") Order order) {}
          public record Order(String customer) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@CustomerId",
        "@CustomerId on argument 'order': path 'customerId': shop.Service.Order has no property"
            + " 'customerId'",
        "its properties are customer");
  }

  @Test
  void aBooleanIdFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "e")
          public void a(@VisitorId boolean known) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@VisitorId",
        "@VisitorId reads a boolean from argument 'known'; an ID must be text or a number");
  }

  @Test
  void anIdOfATypeThatCannotMapAsksForAPath() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "e")
          public void a(@CustomerId User user) {}
          public record User(long id, String email) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@CustomerId",
        "@CustomerId reads shop.Service.User from argument 'user', which is not text or a number;"
            + " add a path to one of its properties, e.g. @CustomerId(path = \"email\")");
  }

  @Test
  void optimoveEventOnAnAbstractMethodFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public abstract class Service {
          @OptimoveEvent(name = "signup")
          public abstract void signUp(@EventParam("email") String email);
        }
        """;
    assertError(
        compile(code),
        code,
        "@OptimoveEvent",
        "@OptimoveEvent method shop.Service.signUp(String) is abstract, so it would never report",
        "implementations do not inherit method annotations. Put @OptimoveEvent (with its"
            + " @EventParam, @CustomerId and @VisitorId) on the implementing method instead.");
  }

  @Test
  void optimoveEventOnAnInterfaceMethodFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public interface Service {
          @OptimoveEvent(name = "signup")
          void signUp(@EventParam("email") String email);
        }
        """;
    assertError(
        compile(code),
        code,
        "@OptimoveEvent",
        "@OptimoveEvent method shop.Service.signUp(String) is an interface method without a body,"
            + " so it would never report",
        "on the implementing method instead");
  }

  @Test
  void optimoveEventOnANativeMethodFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "signup")
          public native void signUp(@EventParam("email") String email);
        }
        """;
    assertError(
        compile(code),
        code,
        "@OptimoveEvent",
        "@OptimoveEvent method shop.Service.signUp(String) is native, so it would never report");
  }

  @Test
  void defaultStaticPrivateAndInterfaceStaticMethodsAreFine() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public interface Service {
          @OptimoveEvent(name = "a")
          default void a(@EventParam("x") String x) { b(x); }
          @OptimoveEvent(name = "b")
          private void b(@EventParam("x") String x) {}
          @OptimoveEvent(name = "c")
          static void c(@EventParam("x") String x) {}
        }
        """;
    Result r = compile(code);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.success()).isTrue();
  }

  @Test
  void eventParamOnTheMethodOfAVoidMethodFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "signup")
          @EventParam("result")
          public void signUp(@EventParam("email") String email) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(\"result\")",
        "@OptimoveEvent method shop.Service.signUp(String): @EventParam(\"result\") on the method"
            + " takes the return value, but the method returns nothing (void); put @EventParam on"
            + " an argument instead, or return the value");
  }

  @Test
  void eventParamOnTheMethodOfAStageOfVoidFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        import java.util.concurrent.CompletionStage;
        public class Service {
          @OptimoveEvent(name = "signup")
          @EventParam("result")
          public CompletionStage<Void> signUp() { return null; }
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(\"result\")",
        "takes the return value, but the method returns nothing"
            + " (java.util.concurrent.CompletionStage<java.lang.Void>)");
  }

  @Test
  void anObjectParameterIsAWarningNotAnError() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "e")
          public void a(@EventParam("any") Object any) {}
        }
        """;
    Result r = compile(code);
    assertThat(r.success()).isTrue();
    assertThat(r.errors()).isEmpty();
    assertThat(r.warnings())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.line()).isEqualTo(lineOf(code, "@EventParam(\"any\")"));
              assertThat(d.message())
                  .contains(
                      "@OptimoveEvent method shop.Service.a(Object): parameter"
                          + " 'any' reads java.lang.Object from argument 'any': whether it is text, number or"
                          + " boolean is only known per value at run time, so the generated catalog cannot state"
                          + " its type and leaves it out of events.json. Declare a String, number or boolean type,"
                          + " or point path at such a property.");
            });
  }

  @Test
  void oneEventWithTwoTypesForOneParameterFails() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Service {
          @OptimoveEvent(name = "checkout")
          public void a(@EventParam("total") double total) {}
          @OptimoveEvent(name = "checkout")
          public void b(@EventParam("total") String total) {}
        }
        """;
    assertError(
        compile(code),
        code,
        "@EventParam(\"total\") String",
        "@OptimoveEvent method shop.Service.b(String): parameter 'total' of event 'checkout' is"
            + " text here but number in shop.Service#a; an event has one type per parameter: make"
            + " the two agree");
  }

  @Test
  void everyProblemOfAMethodIsReportedInOneCompilation() {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public abstract class Service {
          @OptimoveEvent(name = "signup")
          @EventParam("r")
          public abstract void signUp(@EventParam("") String a, @CustomerId boolean b,
                                      @CustomerId String c);
        }
        """;
    Result r = compile(code);
    assertThat(r.errors()).hasSize(5);
  }
}
