package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import dev.optievent.aspect.internal.AspectLogAccess;
import dev.optievent.testing.ReceivedEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * Identity scopes misused (closed out of order, closed on another thread) cannot spread: the thread
 * that closes a scope keeps a correct identity, and no closed scope's customer is reported
 * afterwards, above the resolver.
 */
class ContextScopeTest {
  private final ReportingFixture fixture = new ReportingFixture(b -> b, () -> "from-resolver");
  private final Services.Newsletter newsletter = new Services.Newsletter();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    OptimoveContext.strict(false);
    AspectLogAccess.reset();
    pool.shutdownNow();
    fixture.close();
  }

  /** Who each event went out for, by its email parameter. */
  private Map<Object, String> customerByEmail() {
    return fixture.flushed().stream()
        .collect(Collectors.toMap(e -> e.context().get("email"), ReceivedEvent::customer));
  }

  @Test
  void scopesClosedOutOfOrderLeaveNoCustomerBehind() {
    OptimoveContext.Scope outer = OptimoveContext.customer("outer");
    OptimoveContext.Scope inner = OptimoveContext.customer("inner");

    outer.close();
    inner.close();
    newsletter.signUpFromContext("after@x.io", true);

    assertThat(customerByEmail()).containsExactly(Map.entry("after@x.io", "from-resolver"));
    assertThat(OptimoveContext.currentCustomerId()).isNull();
  }

  @Test
  void aScopeClosedOnAnotherThreadLeavesBothThreadsAlone() throws Exception {
    OptimoveContext.Scope mine = OptimoveContext.customer("main");

    pool.submit(
            () -> {
              try (OptimoveContext.Scope theirs = OptimoveContext.customer("other")) {
                mine.close(); // wrong thread
                newsletter.signUpFromContext("other@x.io", true);
              }
            })
        .get();
    newsletter.signUpFromContext("main@x.io", true);
    mine.close(); // the right thread, at last
    newsletter.signUpFromContext("main-after@x.io", true);
    pool.submit(() -> newsletter.signUpFromContext("other-after@x.io", true)).get();

    assertThat(customerByEmail())
        .containsOnly(
            Map.entry("other@x.io", "other"),
            Map.entry("main@x.io", "main"),
            Map.entry("main-after@x.io", "from-resolver"),
            Map.entry("other-after@x.io", "from-resolver"));
  }

  @Test
  void anInnerScopeLeftOpenEndsWithTheScopeAroundIt() throws Exception {
    pool.submit(
            () -> {
              try (OptimoveContext.Scope request = OptimoveContext.customer("request")) {
                OptimoveContext.customer("forgotten"); // never closed
                newsletter.signUpFromContext("inside@x.io", true);
              }
            })
        .get();
    pool.submit(() -> newsletter.signUpFromContext("next-task@x.io", true)).get();

    assertThat(customerByEmail())
        .containsOnly(
            Map.entry("inside@x.io", "forgotten"), Map.entry("next-task@x.io", "from-resolver"));
  }

  @Test
  void eachKindOfMisuseIsLoggedOnceAndNeverWithTheIds() {
    Logger log = mock(Logger.class);
    AspectLogAccess.use(log);

    for (int i = 0; i < 3; i++) {
      OptimoveContext.Scope outer = OptimoveContext.customer("secret-outer");
      OptimoveContext.Scope inner = OptimoveContext.customer("secret-inner");
      outer.close();
      inner.close();
    }

    List<String> warnings =
        mockingDetails(log).getInvocations().stream()
            .filter(call -> call.getMethod().getName().equals("warn"))
            .map(call -> Arrays.deepToString(call.getArguments()))
            .toList();
    assertThat(warnings).hasSize(2); // closed before the inner one; inner closed after the outer
    assertThat(warnings)
        .allSatisfy(w -> assertThat(w).contains("OptimoveContext scope").doesNotContain("secret"));
  }

  @Test
  void strictModeThrowsWhenAScopeIsClosedBeforeOneOpenedInsideItAndStillRestores() {
    OptimoveContext.strict(true);
    OptimoveContext.Scope outer = OptimoveContext.customer("secret-outer");
    OptimoveContext.Scope inner = OptimoveContext.customer("secret-inner");

    assertThatThrownBy(outer::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("while a scope opened inside it was still open")
        .hasMessageNotContaining("secret")
        .cause()
        .hasMessageContaining("opened here"); // where the inner one was opened
    assertThat(OptimoveContext.currentCustomerId()).isNull();
    assertThatThrownBy(inner::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after the scope around it had been closed");
    assertThat(OptimoveContext.currentCustomerId()).isNull();
  }

  @Test
  void strictModeThrowsWhenAScopeIsClosedOnAnotherThreadAndTouchesNeitherThread() throws Exception {
    OptimoveContext.strict(true);
    OptimoveContext.Scope mine = OptimoveContext.customer("main");
    AtomicReference<Throwable> thrown = new AtomicReference<>();

    String otherAfterwards =
        pool.submit(
                () -> {
                  try (OptimoveContext.Scope theirs = OptimoveContext.customer("other")) {
                    try {
                      mine.close();
                    } catch (IllegalStateException e) {
                      thrown.set(e);
                    }
                    return OptimoveContext.currentCustomerId();
                  }
                })
            .get();

    assertThat(thrown.get()).hasMessageContaining("on a thread other than the one that opened it");
    assertThat(otherAfterwards).isEqualTo("other");
    assertThat(OptimoveContext.currentCustomerId()).isEqualTo("main");
    mine.close();
    assertThat(OptimoveContext.currentCustomerId()).isNull();
    assertThatCode(OptimoveContext::checkAllClosed).doesNotThrowAnyException();
  }

  @Test
  void strictModeReportsAScopeLeftOpenOnAPooledThread() throws Exception {
    OptimoveContext.strict(true);
    String poolThread = pool.submit(() -> Thread.currentThread().getName()).get();

    pool.submit(() -> OptimoveContext.customer("secret-leak")).get(); // never closed
    pool.submit(() -> newsletter.signUpFromContext("next-task@x.io", true)).get();

    assertThat(customerByEmail()).containsExactly(Map.entry("next-task@x.io", "secret-leak"));
    assertThatThrownBy(OptimoveContext::checkAllClosed)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 OptimoveContext scope(s) left open")
        .hasMessageContaining("'" + poolThread + "'")
        .hasMessageNotContaining("secret")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(
                        where ->
                            assertThat(where.getStackTrace())
                                .anyMatch(f -> f.getMethodName().startsWith("lambda$"))));
    assertThatCode(OptimoveContext::checkAllClosed).doesNotThrowAnyException(); // reported once
  }
}
