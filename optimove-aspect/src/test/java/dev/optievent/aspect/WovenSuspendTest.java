package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.aspect.internal.AspectLogAccess;
import java.util.Arrays;
import java.util.List;
import kotlin.coroutines.Continuation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * A woven Kotlin suspend function (as the JVM sees it: a last {@code Continuation} parameter and an
 * {@code Object} result, entered again at each resumption) cannot be reported by the woven advice:
 * it sends nothing, counts nothing (a Spring proxy around it may report the same call) and says so
 * once per method.
 */
class WovenSuspendTest {
  private final ReportingFixture fixture = new ReportingFixture();

  /** Woven; what kotlinc makes of {@code suspend fun place(customer: String): String}. */
  static class Orders {
    static final Object COROUTINE_SUSPENDED = new Object();

    @OptimoveEvent(name = "order_placed")
    public Object place(@CustomerId String customer, Continuation<? super String> completion) {
      return COROUTINE_SUSPENDED;
    }
  }

  @AfterEach
  void tearDown() {
    AspectLogAccess.reset();
    fixture.close();
  }

  @Test
  void itIsNotReportedNorCountedAndTheLogSaysSoOnce() {
    Logger log = mock(Logger.class);
    AspectLogAccess.use(log);
    Orders orders = new Orders();

    for (int i = 0; i < 3; i++) {
      assertThat(orders.place("c-1", null)).isSameAs(Orders.COROUTINE_SUSPENDED);
    }

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped()).isZero();
    List<String> warnings =
        mockingDetails(log).getInvocations().stream()
            .filter(call -> call.getMethod().getName().equals("warn"))
            .map(call -> Arrays.deepToString(call.getArguments()))
            .toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("is a Kotlin suspend function")
        .contains("only calls through a Spring proxy")
        .contains("WovenSuspendTest$Orders.place");
  }
}
