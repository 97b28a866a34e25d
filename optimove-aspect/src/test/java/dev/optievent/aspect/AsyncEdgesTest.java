package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.client.ClientStats;
import dev.optievent.client.Reasons;
import dev.optievent.testing.ReceivedEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of methods that complete later: a stage already done when the method returns, one
 * already failed, none at all, and what is read from the completed value.
 */
class AsyncEdgesTest {
  private final ReportingFixture fixture = new ReportingFixture();
  private final ParamServices services = new ParamServices();

  record Receipt(String orderId, int total) {}

  /** Woven: values read through a path into the completed value. */
  static class Orders {
    @OptimoveEvent(name = "order_shipped")
    @EventParam(value = "order_id", path = "orderId")
    @EventParam(value = "total", path = "total")
    public CompletionStage<Receipt> ship(
        @CustomerId String customer,
        @EventParam("carrier") String carrier,
        CompletableFuture<Receipt> outcome) {
      return outcome;
    }
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void aStageAlreadyCompleteIsReportedBeforeTheMethodReturns() {
    services.award("c-1", 5, CompletableFuture.completedFuture(105));

    // Counted on the calling thread, before anything else could complete it.
    assertThat(fixture.client.stats().accepted()).isEqualTo(1);
    List<ReceivedEvent> events = fixture.flushed();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).context()).containsEntry("points", 5).containsEntry("balance", 105);
  }

  @Test
  void aStageAlreadyFailedSendsNothingAndDropsNothing() {
    services.award("c-1", 5, CompletableFuture.failedFuture(new IllegalStateException("down")));

    assertThat(fixture.flushed()).isEmpty();
    ClientStats stats = fixture.client.stats();
    assertThat(stats.accepted()).isZero();
    assertThat(stats.dropped()).isZero();
  }

  @Test
  void noStageAtAllIsDroppedWithItsReason() {
    services.award("c-1", 5, null);

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.NULL_COMPLETION_STAGE)).isEqualTo(1);
    assertThat(fixture.client.stats().dropped()).isEqualTo(1);
  }

  @Test
  void readsArgumentsNowAndTheCompletedValueThroughItsPaths() {
    CompletableFuture<Receipt> outcome = new CompletableFuture<>();
    new Orders().ship("c-1", "ups", outcome);

    outcome.complete(new Receipt("o-9", 42));

    List<ReceivedEvent> events =
        fixture.server.awaitAcceptedEvents(1, java.time.Duration.ofSeconds(10));
    assertThat(events.get(0).context())
        .containsExactly(
            java.util.Map.entry("carrier", "ups"),
            java.util.Map.entry("order_id", "o-9"),
            java.util.Map.entry("total", 42));
  }
}
