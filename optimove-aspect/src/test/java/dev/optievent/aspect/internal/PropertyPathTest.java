package dev.optievent.aspect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Property paths: every kind of accessor, {@code Optional} and {@code null} along the way, paths
 * through values only known per call, and the declared types a path is checked against.
 */
class PropertyPathTest {

  record Plan(String name, int seats) {}

  record Account(String id, Optional<Plan> plan, Map<String, Object> attributes) {}

  /** A bean: getters, an is-getter, a public field, and members a path must not take. */
  public static class Bean {
    public final String region = "eu";
    public static String shared = "static";
    private final boolean vip;

    Bean(boolean vip) {
      this.vip = vip;
    }

    public String getName() {
      return "bean";
    }

    public boolean isVip() {
      return vip;
    }

    public Boolean isBoxed() {
      return Boolean.TRUE;
    }

    public String isText() {
      return "not a boolean";
    }

    public void getNothing() {}

    public static String getStatic() {
      return "static";
    }
  }

  /** Declared types to resolve against, read from these methods' return types. */
  @SuppressWarnings("unused")
  interface Types<T extends Plan> {
    Map<String, Account> accountsByName();

    HashMap<String, Account> hashMapOfAccounts();

    @SuppressWarnings("rawtypes")
    Map rawMap();

    Optional<Account> maybeAccount();

    @SuppressWarnings("rawtypes")
    Optional rawOptional();

    T typeVariable();

    List<? extends Plan> wildcard();

    List<?> unbounded();

    Plan[] array();

    List<Plan>[] genericArray();
  }

  private static Type type(String method) {
    for (Method m : Types.class.getDeclaredMethods()) {
      if (m.getName().equals(method)) {
        return m.getGenericReturnType();
      }
    }
    throw new IllegalArgumentException(method);
  }

  private static Type wildcardArgument() {
    return ((java.lang.reflect.ParameterizedType) type("wildcard")).getActualTypeArguments()[0];
  }

  @Test
  void readsRecordComponentsGettersIsGettersAndPublicFields() throws Throwable {
    assertThat(PropertyPath.resolve(Plan.class, "name").read(new Plan("pro", 3))).isEqualTo("pro");
    assertThat(PropertyPath.resolve(Bean.class, "name").read(new Bean(true))).isEqualTo("bean");
    assertThat(PropertyPath.resolve(Bean.class, "vip").read(new Bean(true))).isEqualTo(true);
    assertThat(PropertyPath.resolve(Bean.class, "boxed").read(new Bean(true))).isEqualTo(true);
    assertThat(PropertyPath.resolve(Bean.class, "region").read(new Bean(true))).isEqualTo("eu");
    assertThat(PropertyPath.resolve(Plan.class, "seats").resultType()).isEqualTo(int.class);
    assertThat(PropertyPath.resolve(Bean.class, "vip").resultType()).isEqualTo(boolean.class);
    assertThat(PropertyPath.resolve(Bean.class, "region").resultType()).isEqualTo(String.class);
    assertThat(PropertyPath.resolve(Plan.class, "name")).hasToString("name");
  }

  @Test
  void refusesMembersThatAreNoProperty() {
    for (String notAProperty : new String[] {"text", "nothing", "static", "shared", "missing"}) {
      assertThatThrownBy(() -> PropertyPath.resolve(Bean.class, notAProperty))
          .as(notAProperty)
          .isInstanceOf(PlanException.class);
    }
    String cap = "Missing";
    assertThatThrownBy(() -> PropertyPath.resolve(Plan.class, "name.missing"))
        .isInstanceOf(PlanException.class)
        .hasMessage(
            "path 'name.missing': java.lang.String has no property 'missing' (no record"
                + " component, getter get"
                + cap
                + "()/is"
                + cap
                + "(), public field or Map key)");
  }

  @Test
  void refusesAnEmptySegment() {
    for (String path : new String[] {"plan..name", ".name", "id.", " "}) {
      assertThatThrownBy(() -> PropertyPath.resolve(Account.class, path))
          .isInstanceOf(PlanException.class)
          .hasMessage("path '" + path + "' has an empty segment");
    }
  }

  @Test
  void unwrapsAnOptionalAlongThePathAndAtItsEnd() throws Throwable {
    PropertyPath planName = PropertyPath.resolve(Account.class, "plan.name");
    PropertyPath plan = PropertyPath.resolve(Account.class, "plan");
    PropertyPath viaOptionalRoot = PropertyPath.resolve(type("maybeAccount"), "id");

    assertThat(planName.resultType()).isEqualTo(String.class);
    assertThat(plan.resultType()).isEqualTo(Plan.class);
    assertThat(viaOptionalRoot.resultType()).isEqualTo(String.class);
    assertThat(planName.read(new Account("a", Optional.of(new Plan("pro", 1)), Map.of())))
        .isEqualTo("pro");
    assertThat(planName.read(new Account("a", Optional.empty(), Map.of()))).isNull();
    assertThat(viaOptionalRoot.read(Optional.of(new Account("a-1", null, null)))).isEqualTo("a-1");
    assertThat(viaOptionalRoot.read(Optional.empty())).isNull();
  }

  @Test
  void aNullAnywhereReadsAsNull() throws Throwable {
    PropertyPath planName = PropertyPath.resolve(Account.class, "plan.name");

    assertThat(planName.read(null)).isNull();
    assertThat(planName.read(new Account("a", null, null))).isNull();
  }

  @Test
  void aRawOptionalIsOnlyKnownPerValue() throws Throwable {
    PropertyPath id = PropertyPath.resolve(type("rawOptional"), "id");

    assertThat(id.resultType()).isEqualTo(Object.class);
    assertThat(id.read(Optional.of(new Account("a-2", null, null)))).isEqualTo("a-2");
  }

  @Test
  void readsMapKeysWithTheMapsDeclaredValueType() throws Throwable {
    PropertyPath typed = PropertyPath.resolve(type("accountsByName"), "jane.id");
    Map<String, Account> accounts = Map.of("jane", new Account("a-3", null, null));

    assertThat(typed.resultType()).isEqualTo(String.class);
    assertThat(typed.read(accounts)).isEqualTo("a-3");
    assertThat(typed.read(Map.of())).isNull();
    // A Map<String, Account> is checked when the plan is built...
    assertThatThrownBy(() -> PropertyPath.resolve(type("accountsByName"), "jane.nope"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining(Account.class.getName() + " has no property 'nope'");
    // ...other maps only per value.
    assertThat(PropertyPath.resolve(type("hashMapOfAccounts"), "jane.nope").resultType())
        .isEqualTo(Object.class);
    assertThat(PropertyPath.resolve(type("rawMap"), "jane.nope").resultType())
        .isEqualTo(Object.class);
    assertThat(PropertyPath.resolve(type("accountsByName"), "jane").resultType())
        .isEqualTo(Account.class);
  }

  @Test
  void readsThroughValuesOnlyKnownPerCall() throws Throwable {
    PropertyPath path = PropertyPath.resolve(Account.class, "attributes.owner.id");
    Map<String, Object> byRecord = Map.of("owner", new Account("a-4", null, null));
    Map<String, Object> byMap = Map.of("owner", Map.of("id", "a-5"));
    Map<String, Object> byOptional = Map.of("owner", Optional.of(new Account("a-6", null, null)));
    Map<String, Object> byEmptyOptional = Map.of("owner", Optional.empty());
    Map<String, Object> byBean = Map.of("owner", new Bean(false));

    assertThat(path.resultType()).isEqualTo(Object.class);
    assertThat(path.read(new Account("x", null, byRecord))).isEqualTo("a-4");
    assertThat(path.read(new Account("x", null, byMap))).isEqualTo("a-5");
    assertThat(path.read(new Account("x", null, byOptional))).isEqualTo("a-6");
    assertThat(path.read(new Account("x", null, byEmptyOptional))).isNull();
    assertThatThrownBy(() -> path.read(new Account("x", null, byBean)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Bean.class.getName() + " has no property 'id'");
  }

  @Test
  void erasesEveryKindOfDeclaredType() {
    assertThat(PropertyPath.erase(Plan.class)).isEqualTo(Plan.class);
    assertThat(PropertyPath.erase(type("accountsByName"))).isEqualTo(Map.class);
    assertThat(PropertyPath.erase(type("typeVariable"))).isEqualTo(Plan.class);
    assertThat(PropertyPath.erase(wildcardArgument())).isEqualTo(Plan.class);
    assertThat(
            PropertyPath.erase(
                ((java.lang.reflect.ParameterizedType) type("unbounded"))
                    .getActualTypeArguments()[0]))
        .isEqualTo(Object.class);
    assertThat(PropertyPath.erase(type("array"))).isEqualTo(Plan[].class);
    assertThat(PropertyPath.erase(type("genericArray"))).isEqualTo(Object.class);
    assertThat(PropertyPath.resolve(type("typeVariable"), "name").resultType())
        .isEqualTo(String.class);
  }
}
