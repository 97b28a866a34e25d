package dev.optievent.aspect;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Woven services whose values come from properties, return values and async results. */
class ParamServices {

  enum Tier {
    GOLD,
    SILVER
  }

  record PlanChoice(String name, int seats) {}

  record Subscribe(Account account, PlanChoice plan, Map<String, Object> attributes) {}

  record Receipt(String orderId, BigDecimal total) {}

  /** A JavaBean with getters, an is-getter and a public field. */
  static class Account {
    public final String region;
    private final String id;
    private final boolean vip;

    Account(String id, boolean vip, String region) {
      this.id = id;
      this.vip = vip;
      this.region = region;
    }

    public String getId() {
      return id;
    }

    public boolean isVip() {
      return vip;
    }
  }

  /** A bean whose getter fails. */
  static class BrokenBean {
    public String getName() {
      throw new IllegalStateException("lazy load failed");
    }
  }

  /** A CharSequence whose toString fails. */
  static final class BrokenText implements CharSequence {
    @Override
    public int length() {
      return 1;
    }

    @Override
    public char charAt(int index) {
      return 'x';
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return this;
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString failed");
    }
  }

  /** Not text, number or boolean. */
  static final class Money {}

  @OptimoveEvent(name = "plan_subscribed")
  public void subscribe(
      @CustomerId(path = "account.id")
          @EventParam(value = "plan", path = "plan.name")
          @EventParam(value = "seats", path = "plan.seats")
          @EventParam(value = "vip", path = "account.vip")
          @EventParam(value = "region", path = "account.region")
          @EventParam(value = "channel", path = "attributes.channel")
          Subscribe command) {}

  @OptimoveEvent(name = "checkout_completed")
  @EventParam(value = "order_id", path = "orderId")
  @EventParam(value = "total", path = "total")
  public Receipt checkout(@CustomerId String customerId, @EventParam("currency") String currency) {
    return new Receipt("ord-77", new BigDecimal("1250.50"));
  }

  @OptimoveEvent(name = "order_count")
  @EventParam("count")
  public int count(@CustomerId long customerId) {
    return 3;
  }

  @OptimoveEvent(name = "typed")
  public void typed(
      @CustomerId UUID customerId,
      @EventParam("tier") Tier tier,
      @EventParam("uuid") UUID uuid,
      @EventParam("initial") char initial,
      @EventParam("small") short small,
      @EventParam("big") long big,
      @EventParam("ratio") double ratio,
      @EventParam("amount") BigDecimal amount,
      @EventParam("huge") BigInteger huge,
      @EventParam("maybe") Optional<String> maybe,
      @EventParam("absent") Optional<String> absent,
      @EventParam("day") LocalDate day,
      @EventParam("at") Instant at,
      @EventParam("text") StringBuilder text) {}

  @OptimoveEvent(name = "Checkout_Completed")
  public void caseSensitive(@CustomerId String customerId, @EventParam("Opt_In") boolean optIn) {}

  @OptimoveEvent(name = "points_awarded")
  @EventParam("balance")
  public CompletionStage<Integer> award(
      @CustomerId String customerId,
      @EventParam("points") int points,
      CompletableFuture<Integer> outcome) {
    return outcome;
  }

  @OptimoveEvent(name = "not_mappable")
  public String notMappable(@CustomerId String customerId, @EventParam("money") Money money) {
    return "business result";
  }

  @OptimoveEvent(name = "broken_getter")
  public String brokenGetter(
      @CustomerId String customerId, @EventParam(value = "name", path = "name") BrokenBean bean) {
    return "business result";
  }

  @OptimoveEvent(name = "broken_text")
  public String brokenText(@CustomerId String customerId, @EventParam("text") CharSequence text) {
    return "business result";
  }

  @OptimoveEvent(name = "dynamic")
  public void dynamic(@CustomerId String customerId, @EventParam("value") Object value) {}

  @OptimoveEvent(name = "bad_path")
  public void badPath(
      @CustomerId String customerId,
      @EventParam(value = "plan", path = "plan.title") Subscribe command) {}

  @OptimoveEvent(name = "void_with_return_param")
  @EventParam("result")
  public void voidWithReturnParam(@CustomerId String customerId) {}

  @OptimoveEvent(name = "duplicate")
  public void duplicate(
      @CustomerId String customerId, @EventParam("a") String a, @EventParam("a") String b) {}

  @OptimoveEvent(name = "   ")
  public void blankKey(@CustomerId String customerId) {}
}
