package dev.optievent.sample;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;

import dev.optievent.testing.junit.OptimoveExtension;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Points are reported once the award's stage completes, with the new balance. */
class LoyaltyServiceTest {

  @RegisterExtension static final OptimoveExtension optimove = OptimoveExtension.builder().build();

  private final LoyaltyService loyalty = new LoyaltyService();

  @Test
  void awardingPointsReportsThemWithTheBalanceOnceStored() {
    loyalty.award("c-1", 60);

    // No join needed: the assertion waits for the event sent when the stage completes.
    assertThat(optimove)
        .hasReceivedOnce(
            event("points_awarded").forCustomer("c-1").with("points", 60).with("balance", 1060));
  }

  @Test
  void nothingElseIsReportedOnceTheAwardsAreDone() {
    CompletableFuture.allOf(
            loyalty.award("c-1", 60).toCompletableFuture(),
            loyalty.award("c-2", 125).toCompletableFuture())
        .join();

    // Joined first: an assertion that something did not happen cannot wait for work it does not
    // know of.
    assertThat(optimove)
        .hasReceivedEventCount(2)
        .hasNotReceived(event("points_awarded").forCustomer("c-3"));
  }
}
