package dev.optievent.aspect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Plans are built once per method and say exactly what to change when annotations can't work. */
class PlanProblemsTest {

  private static MethodPlan plan(String name) {
    Method m =
        Arrays.stream(dev.optievent.aspect.ParamServicesAccess.type().getDeclaredMethods())
            .filter(x -> x.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return PlanBuilder.build(m);
  }

  @Test
  void aPathMissingOnTheDeclaredTypeNamesTheTypeAndTheSegment() {
    assertThat(plan("badPath").problem())
        .contains("ParamServices.badPath(String, Subscribe)")
        .contains("path 'plan.title'")
        .contains("PlanChoice has no property 'title'");
  }

  @Test
  void anUnmappableTypeAsksForAPath() {
    assertThat(plan("notMappable").problem())
        .contains("parameter 'money'")
        .contains("cannot be sent as text, number or boolean; add a path");
  }

  @Test
  void aReturnValueParameterOnAVoidMethodIsRefused() {
    assertThat(plan("voidWithReturnParam").problem()).contains("returns nothing");
  }

  @Test
  void duplicateNamesAndBlankKeysAreRefused() {
    assertThat(plan("duplicate").problem()).contains("parameter 'a' is declared twice");
    assertThat(plan("blankKey").problem()).contains("@OptimoveEvent(name) is blank");
  }

  @Test
  void aGoodMethodHasNoProblemAndKnowsItIsAsync() {
    assertThat(plan("subscribe").problem()).isNull();
    assertThat(plan("award").async()).isTrue();
    assertThat(plan("checkout").async()).isFalse();
  }
}
