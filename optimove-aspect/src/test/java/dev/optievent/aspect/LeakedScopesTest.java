package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link OptimoveContext#closeLeaked}: what frameworks use to end scopes a request left open. */
class LeakedScopesTest {

  @AfterEach
  void tearDown() {
    OptimoveContext.strict(false);
  }

  @Test
  void scopesLeftOpenSinceTheMarkAreEndedAndTheMarkedIdentityIsBack() {
    try (OptimoveContext.Scope outer = OptimoveContext.customer("c-outer")) {
      Object mark = OptimoveContext.mark();
      OptimoveContext.customer("c-leaked-1");
      OptimoveContext.visitor("v-leaked-2");

      assertThat(OptimoveContext.closeLeaked(mark)).isEqualTo(2);

      assertThat(OptimoveContext.currentCustomerId()).isEqualTo("c-outer");
      assertThat(OptimoveContext.closeLeaked(mark)).isZero();
    }
    assertThat(OptimoveContext.currentCustomerId()).isNull();
  }

  @Test
  void fromNothingBackToNothing() {
    Object mark = OptimoveContext.mark();
    OptimoveContext.Scope leaked = OptimoveContext.customer("c-leaked");

    assertThat(OptimoveContext.closeLeaked(mark)).isEqualTo(1);
    assertThat(OptimoveContext.currentCustomerId()).isNull();
    leaked.close(); // late: ended already, so it only logs
    assertThat(OptimoveContext.currentCustomerId()).isNull();
  }

  @Test
  void aMarkNoLongerOpenIsLeftAlone() {
    OptimoveContext.Scope marked = OptimoveContext.customer("c-marked");
    Object mark = OptimoveContext.mark();
    marked.close();
    OptimoveContext.Scope other = OptimoveContext.customer("c-other");

    assertThat(OptimoveContext.closeLeaked(mark)).isZero();
    assertThat(OptimoveContext.currentCustomerId()).isEqualTo("c-other");
    other.close();
  }

  @Test
  void inStrictModeALeakIsStillReportedByCheckAllClosed() {
    OptimoveContext.strict(true);
    Object mark = OptimoveContext.mark();
    OptimoveContext.customer("c-leaked");

    assertThat(OptimoveContext.closeLeaked(mark)).isEqualTo(1);

    assertThatThrownBy(OptimoveContext::checkAllClosed)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 OptimoveContext scope(s) left open");
  }
}
