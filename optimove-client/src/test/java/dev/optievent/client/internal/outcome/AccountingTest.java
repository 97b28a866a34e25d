package dev.optievent.client.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.ClientStats;
import dev.optievent.client.internal.DeliveryObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The books on their own: every count, the identity, and the first sight of each reason. */
class AccountingTest {
  private final List<String> appeared = new CopyOnWriteArrayList<>();
  private final Accounting accounting = accountingHeardBy(appeared);

  private static Accounting accountingHeardBy(List<String> appeared) {
    Observation observation = new Observation();
    observation.add(
        new DeliveryObserver() {
          @Override
          public void reasonAppeared(Outcome outcome, String reason) {
            appeared.add(outcome + " " + reason);
          }
        });
    return new Accounting(observation);
  }

  @Test
  void startsEmptyAndBalanced() {
    ClientStats s = accounting.snapshot();

    assertThat(s).isEqualTo(new ClientStats(0, 0, 0, 0, 0, 0, Map.of(), Map.of()));
    assertThat(accounting.pending()).isZero();
    assertThat(accounting.rejectedReasons()).isEmpty();
    assertThat(accounting.droppedReasons()).isEmpty();
  }

  @Test
  void countsEachOutcomeByReasonAndKeepsTheIdentity() {
    for (int i = 0; i < 7; i++) {
      accounting.accepted();
    }
    accounting.delivered();
    accounting.delivered();
    accounting.rejected("http_400");
    accounting.rejected("http_400");
    accounting.rejected("server_error");
    accounting.dropped("expired");
    accounting.retried();
    accounting.retried();
    accounting.retried();
    accounting.skippedNotification();

    ClientStats s = accounting.snapshot();

    assertThat(s.accepted()).isEqualTo(7);
    assertThat(s.delivered()).isEqualTo(2);
    assertThat(s.rejected()).isEqualTo(3);
    assertThat(s.dropped()).isEqualTo(1);
    assertThat(s.pending()).isEqualTo(1);
    assertThat(s.retries()).isEqualTo(3);
    assertThat(s.rejectedByReason()).isEqualTo(Map.of("http_400", 2L, "server_error", 1L));
    assertThat(s.droppedByReason()).isEqualTo(Map.of("expired", 1L));
    assertThat(accounting.pending()).isEqualTo(1);
    assertThat(accounting.acceptedCount()).isEqualTo(7);
    assertThat(accounting.deliveredCount()).isEqualTo(2);
    assertThat(accounting.retriesCount()).isEqualTo(3);
    assertThat(accounting.rejectedCount("http_400")).isEqualTo(2);
    assertThat(accounting.rejectedCount("http_404")).isZero();
    assertThat(accounting.droppedCount("expired")).isEqualTo(1);
    assertThat(accounting.droppedCount("closed")).isZero();
    assertThat(accounting.skippedNotifications()).isEqualTo(1);
    assertThat(accounting.rejectedReasons()).containsExactlyInAnyOrder("http_400", "server_error");
    assertThat(accounting.droppedReasons()).containsExactly("expired");
  }

  @Test
  void tellsTheObserverOfEachReasonOnceTheFirstTimeItIsCounted() {
    accounting.rejected("http_400");
    accounting.rejected("http_400");
    accounting.dropped("http_400");
    accounting.dropped("expired");
    accounting.dropped("expired");

    assertThat(appeared)
        .containsExactly("REJECTED http_400", "DROPPED http_400", "DROPPED expired");
  }

  @Test
  void aReasonIsListedFromItsFirstCountAndASnapshotShowsOnlyCountedReasons() {
    accounting.accepted();
    accounting.rejected("http_400");

    assertThat(accounting.snapshot().rejectedByReason()).containsOnlyKeys("http_400");
    assertThat(accounting.snapshot().droppedByReason()).isEmpty();
  }
}
