package dev.optievent.aspect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.annotation.VisitorId;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Plan building, problem by problem: each message names the method and says exactly what to change,
 * and a good plan knows its slots, its identity sources and whether it completes later.
 */
class PlanBuilderTest {

  record Account(String id, boolean vip, List<String> tags) {}

  /** Methods only reflected on, never called. */
  @SuppressWarnings("unused")
  static class Methods {
    @OptimoveEvent(name = "good")
    @EventParam(value = "total", path = "id")
    @EventParam(value = "flag", path = "vip")
    public Account good(
        @CustomerId String customer,
        @VisitorId(path = "id") Account visitor,
        @EventParam("a") int a,
        @EventParam(value = "b", path = "id") @EventParam(value = "c", path = "vip") Account b) {
      return null;
    }

    @OptimoveEvent(name = "async")
    @EventParam("total")
    public CompletionStage<BigDecimal> async(@CustomerId long customer) {
      return null;
    }

    @OptimoveEvent(name = "async_bad_path")
    @EventParam(value = "x", path = "nope")
    public CompletionStage<Account> asyncBadPath(@CustomerId long customer) {
      return null;
    }

    @OptimoveEvent(name = "async_path")
    @EventParam(value = "x", path = "id")
    public CompletableFuture<Account> asyncPath(@CustomerId long customer) {
      return null;
    }

    @OptimoveEvent(name = "raw_async")
    @EventParam("anything")
    @SuppressWarnings("rawtypes")
    public CompletableFuture raw() {
      return null;
    }

    @OptimoveEvent(name = "  ")
    public void blankKey(@CustomerId String customer) {}

    @OptimoveEvent(name = "two_customers")
    public void twoCustomers(@CustomerId String a, @CustomerId String b) {}

    @OptimoveEvent(name = "two_visitors")
    public void twoVisitors(@VisitorId String a, @VisitorId String b) {}

    @OptimoveEvent(name = "blank_param")
    public void blankParam(@EventParam(" ") String a) {}

    @OptimoveEvent(name = "twice")
    public void twice(@EventParam("a") String a, @EventParam("a") String b) {}

    @OptimoveEvent(name = "void_return")
    @EventParam("result")
    public void voidReturn(@CustomerId String c) {}

    @OptimoveEvent(name = "boxed_void_return")
    @EventParam("result")
    public Void boxedVoidReturn(@CustomerId String c) {
      return null;
    }

    @OptimoveEvent(name = "unmappable")
    public void unmappable(@EventParam("tags") List<String> tags) {}

    @OptimoveEvent(name = "unmappable_path")
    public void unmappablePath(@EventParam(value = "tags", path = "tags") Account account) {}

    @OptimoveEvent(name = "unmappable_id")
    public void unmappableId(@CustomerId Account account) {}

    @OptimoveEvent(name = "boolean_id")
    public void booleanId(@VisitorId(path = "vip") Account account) {}

    @OptimoveEvent(name = "bad_path")
    public void badPath(@CustomerId(path = "nope") Account account) {}

    @OptimoveEvent(name = "several")
    public void several(@EventParam("a") String a, @EventParam("a") List<String> b) {}

    public void notAnnotated() {}
  }

  private static Method method(String name) {
    return Arrays.stream(Methods.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static MethodPlan plan(String name) {
    return PlanBuilder.build(method(name));
  }

  private static String where(String signature) {
    return "@OptimoveEvent method " + Methods.class.getName() + "." + signature + ": ";
  }

  @Test
  void aGoodPlanKnowsItsSlotsSourcesAndCompletion() {
    MethodPlan plan = plan("good");

    assertThat(plan.problem()).isNull();
    assertThat(plan.eventKey()).isEqualTo("good");
    assertThat(plan.async()).isFalse();
    assertThat(plan.completion).isEqualTo(Completion.SYNC);
    assertThat(plan.paramNames).containsExactly("a", "b", "c", "total", "flag");
    assertThat(plan.argParams).extracting(p -> p.name).containsExactly("a", "b", "c");
    assertThat(plan.returnParams).extracting(p -> p.name).containsExactly("total", "flag");
    assertThat(plan.customer).isNotNull();
    assertThat(plan.visitor).isNotNull();
    assertThat(plan.customer.toString()).isEqualTo("argument 0");
    assertThat(plan.visitor.toString()).isEqualTo("argument 1 (path 'id')");
    assertThat(plan.argParams[1].source.toString()).isEqualTo("argument 3 (path 'id')");
    assertThat(plan.argParams[2].source.toString()).isEqualTo("argument 3 (path 'vip')");
    assertThat(plan.returnParams[0].source.toString()).isEqualTo("the return value (path 'id')");
    assertThat(plan.methodName).isEqualTo(Methods.class.getName() + ".good");
    assertThat(plan.method).isEqualTo(method("good"));
  }

  @Test
  void aCompletionStageMethodReportsItsValueLater() {
    MethodPlan plan = plan("async");

    assertThat(plan.problem()).isNull();
    assertThat(plan.async()).isTrue();
    assertThat(plan.completion).isEqualTo(Completion.STAGE);
    assertThat(plan.paramNames).containsExactly("total");
    assertThat(plan.visitor).isNull();
  }

  @Test
  void aPathIntoTheCompletedValueIsCheckedAgainstItsType() {
    assertThat(plan("asyncPath").problem()).isNull();
    assertThat(plan("asyncPath").returnParams[0].source.toString())
        .isEqualTo("the return value (path 'id')");
    assertThat(plan("asyncBadPath").problem())
        .startsWith(where("asyncBadPath(long)") + "parameter 'x' (return value): path 'nope': ")
        .contains(Account.class.getName() + " has no property 'nope'");
  }

  @Test
  void aRawCompletionStageIsJudgedPerValue() {
    MethodPlan plan = plan("raw");

    assertThat(plan.problem()).isNull();
    assertThat(plan.async()).isTrue();
    assertThat(plan.paramNames).containsExactly("anything");
  }

  @Test
  void aBlankEventKeyIsRefused() {
    MethodPlan plan = plan("blankKey");

    assertThat(plan.problem())
        .isEqualTo(
            where("blankKey(String)")
                + "@OptimoveEvent(name) is blank; set it to the event key configured with"
                + " Optimove");
    assertThat(plan.eventKey()).isEqualTo("  ");
    assertThat(plan.paramNames).isEmpty();
  }

  @Test
  void aMethodWithoutTheAnnotationHasABlankKey() {
    assertThat(plan("notAnnotated").problem())
        .isEqualTo(
            where("notAnnotated()")
                + "@OptimoveEvent(name) is blank; set it to the event key configured with"
                + " Optimove");
  }

  @Test
  void twoCustomerOrVisitorIdsAreRefused() {
    assertThat(plan("twoCustomers").problem())
        .isEqualTo(where("twoCustomers(String, String)") + "more than one @CustomerId; keep one");
    assertThat(plan("twoVisitors").problem())
        .isEqualTo(where("twoVisitors(String, String)") + "more than one @VisitorId; keep one");
  }

  @Test
  void aBlankOrRepeatedParameterNameIsRefused() {
    assertThat(plan("blankParam").problem())
        .isEqualTo(
            where("blankParam(String)")
                + "an @EventParam name is blank; set it to the parameter name configured with"
                + " Optimove");
    assertThat(plan("twice").problem())
        .isEqualTo(
            where("twice(String, String)")
                + "parameter 'a' is declared twice; each name may appear once");
  }

  @Test
  void aReturnValueParameterNeedsAReturnValue() {
    String problem =
        "@EventParam on the method takes the return value, but the method returns nothing; put"
            + " @EventParam on an argument instead";

    assertThat(plan("voidReturn").problem()).isEqualTo(where("voidReturn(String)") + problem);
    assertThat(plan("boxedVoidReturn").problem())
        .isEqualTo(where("boxedVoidReturn(String)") + problem);
  }

  @Test
  void anUnmappableValueAsksForAPath() {
    assertThat(plan("unmappable").problem())
        .isEqualTo(
            where("unmappable(List)")
                + "parameter 'tags' reads java.util.List from argument 0, which cannot be sent as"
                + " text, number or boolean; add a path to a property of that type, e.g."
                + " @EventParam(value = \"...\", path = \"id\")");
    assertThat(plan("unmappablePath").problem())
        .isEqualTo(
            where("unmappablePath(Account)")
                + "parameter 'tags' reads java.util.List from argument 0 (path 'tags'), which"
                + " cannot be sent as text, number or boolean; add a path to a property of that"
                + " type, e.g. @EventParam(value = \"...\", path = \"id\")");
  }

  @Test
  void anIdMustBeTextOrANumber() {
    assertThat(plan("unmappableId").problem())
        .isEqualTo(
            where("unmappableId(Account)")
                + "@CustomerId reads "
                + Account.class.getName()
                + " from argument 0, which is not text or a number; point path at the ID"
                + " property");
    assertThat(plan("booleanId").problem())
        .isEqualTo(
            where("booleanId(Account)")
                + "@VisitorId reads a boolean from argument 0; an ID must be text or a number");
  }

  @Test
  void aPathThatDoesNotResolveIsNamed() {
    assertThat(plan("badPath").problem())
        .startsWith(where("badPath(Account)") + "@CustomerId: ")
        .contains("'nope'");
  }

  @Test
  void everyProblemOfAMethodIsListed() {
    assertThat(plan("several").problem())
        .isEqualTo(
            where("several(String, List)")
                + "parameter 'a' reads java.util.List from argument 1, which cannot be sent as"
                + " text, number or boolean; add a path to a property of that type, e.g."
                + " @EventParam(value = \"...\", path = \"id\"); parameter 'a' is declared twice;"
                + " each name may appear once");
  }
}
