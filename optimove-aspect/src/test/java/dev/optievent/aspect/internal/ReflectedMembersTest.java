package dev.optievent.aspect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What reporting reflects on, as an ahead-of-time tool sees it: the annotated methods of a class
 * and the accessors their paths read.
 */
class ReflectedMembersTest {

  record Plan(String name, Optional<Price> price) {}

  record Price(long cents) {}

  /** A JavaBean with a getter, a boolean getter and a public field. */
  public static class Account {
    public String region = "eu";

    public String getOwner() {
      return "o";
    }

    public boolean isActive() {
      return true;
    }
  }

  static class Base {
    @OptimoveEvent(name = "inherited")
    public void inherited() {}
  }

  @SuppressWarnings("unused")
  static class Shop extends Base {
    @OptimoveEvent(name = "subscribed")
    @EventParam(value = "plan", path = "name")
    @EventParam(value = "cents", path = "price.cents")
    public Plan subscribe(
        @CustomerId(path = "owner") Account account,
        @EventParam(value = "active", path = "active") Account same,
        @EventParam(value = "region", path = "region") Account again,
        @EventParam(value = "tag", path = "tag") Map<String, Object> tags) {
      return null;
    }

    @OptimoveEvent(name = "broken")
    public void broken(@EventParam(value = "x", path = "nothing") Account account) {}

    public void notReported() {}
  }

  @Test
  void findsTheAnnotatedMethodsOfTheClassAndItsSuperclasses() {
    assertThat(ReflectedMembers.annotatedMethods(Shop.class))
        .extracting(Method::getName)
        .containsExactlyInAnyOrder("subscribe", "broken", "inherited");
  }

  @Test
  void listsTheAccessorsEveryPathReads() throws Exception {
    Method subscribe =
        Shop.class.getMethod("subscribe", Account.class, Account.class, Account.class, Map.class);

    List<Member> members = ReflectedMembers.readBy(subscribe);

    assertThat(members)
        .containsExactlyInAnyOrder(
            Account.class.getMethod("getOwner"),
            Account.class.getMethod("isActive"),
            Account.class.getField("region"),
            Plan.class.getMethod("name"),
            Plan.class.getMethod("price"),
            Price.class.getMethod("cents"));
  }

  @Test
  void aBrokenMethodReadsNothing() throws Exception {
    assertThat(ReflectedMembers.readBy(Shop.class.getMethod("broken", Account.class))).isEmpty();
  }
}
