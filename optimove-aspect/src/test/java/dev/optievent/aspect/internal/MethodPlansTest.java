package dev.optievent.aspect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.OptimoveEvent;
import java.lang.reflect.Method;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * One plan per method, whether a woven join point or a proxy reaches it first, and a broken
 * method's problem logged once.
 */
class MethodPlansTest {
  private final Logger log = mock(Logger.class);

  /** Each test uses a class of its own: plans are kept per declaring class for the JVM's life. */
  @SuppressWarnings("unused")
  static class ForJoinPoints {
    @OptimoveEvent(name = "fine")
    public void fine(@CustomerId String c) {}
  }

  @SuppressWarnings("unused")
  static class ForProxies {
    @OptimoveEvent(name = "fine")
    public void fine(@CustomerId String c) {}
  }

  @SuppressWarnings("unused")
  static class Broken {
    @OptimoveEvent(name = " ")
    public void blank(@CustomerId String c) {}
  }

  MethodPlansTest() {
    AspectLogAccess.use(log);
  }

  @AfterEach
  void tearDown() {
    AspectLogAccess.reset();
  }

  private static Method fine(Class<?> type) throws NoSuchMethodException {
    return type.getDeclaredMethod(type == Broken.class ? "blank" : "fine", String.class);
  }

  private static JoinPoint.StaticPart joinPoint(Method method) {
    MethodSignature signature = mock(MethodSignature.class);
    when(signature.getDeclaringType()).thenReturn(method.getDeclaringClass());
    when(signature.getMethod()).thenReturn(method);
    JoinPoint.StaticPart part = mock(JoinPoint.StaticPart.class);
    when(part.getSignature()).thenReturn(signature);
    return part;
  }

  @Test
  void aJoinPointAndAProxyOfOneMethodShareItsPlan() throws Exception {
    Method method = fine(ForJoinPoints.class);
    JoinPoint.StaticPart part = joinPoint(method);

    MethodPlan byJoinPoint = MethodPlans.of(part);

    assertThat(byJoinPoint.eventKey()).isEqualTo("fine");
    assertThat(MethodPlans.of(part)).isSameAs(byJoinPoint);
    assertThat(MethodPlans.of(method)).isSameAs(byJoinPoint);
    assertThat(MethodPlans.of(joinPoint(method))).isSameAs(byJoinPoint);
  }

  @Test
  void aProxyFirstThenAJoinPointShareThePlanToo() throws Exception {
    Method method = fine(ForProxies.class);

    MethodPlan byMethod = MethodPlans.of(method);

    assertThat(MethodPlans.of(method)).isSameAs(byMethod);
    assertThat(MethodPlans.of(joinPoint(method))).isSameAs(byMethod);
  }

  @Test
  void aBrokenMethodsProblemIsLoggedOnceWhateverReachesIt() throws Exception {
    Method method = fine(Broken.class);

    MethodPlan plan = MethodPlans.of(method);
    MethodPlans.of(method);
    MethodPlans.of(joinPoint(method));

    assertThat(plan.problem()).contains("@OptimoveEvent(name) is blank");
    verify(log, times(1))
        .warn(
            eq("{}. Its events are dropped with reason 'invalid_annotation' until this is fixed."),
            eq(new Object[] {plan.problem()}));
  }

  @Test
  void aGoodMethodLogsNothing() throws Exception {
    MethodPlans.of(fine(ForProxies.class));

    verifyNoInteractions(log);
  }
}
