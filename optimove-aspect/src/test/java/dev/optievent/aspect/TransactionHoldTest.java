package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.aspect.internal.Bridge;
import dev.optievent.aspect.internal.HeldEvent;
import dev.optievent.aspect.internal.TransactionHold;
import dev.optievent.client.ClientStats;
import dev.optievent.client.internal.store.PreparedEvent;
import dev.optievent.testing.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aspect's side of the after-commit hold, with woven code and a hold the test drives: an event
 * whose method returned inside a "transaction" waits for it, carries the time of the return, is
 * counted as rolled back if it does not commit; {@code afterCommit = false} and stages completed on
 * other threads do not wait.
 */
class TransactionHoldTest {
  private static final DateTimeFormatter WIRE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

  /** A transaction per thread, ended by the test. */
  static final class ManualHold implements TransactionHold {
    final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);
    final List<HeldEvent> held = new ArrayList<>();

    @Override
    public boolean active() {
      return inTransaction.get();
    }

    @Override
    public synchronized void hold(HeldEvent event) {
      held.add(event);
    }

    synchronized void commit() {
      held.forEach(HeldEvent::send);
      held.clear();
    }

    synchronized void rollBack() {
      held.forEach(HeldEvent::rolledBack);
      held.clear();
    }
  }

  /** Woven. */
  static class Accounts {
    @OptimoveEvent(name = "account_created")
    public void create(@CustomerId String customer, @EventParam("plan") String plan) {}

    @OptimoveEvent(name = "login_attempted", afterCommit = false)
    public void attemptLogin(@CustomerId String customer) {}

    @OptimoveEvent(name = "account_verified")
    public CompletionStage<String> verify(
        @CustomerId String customer, CompletableFuture<String> outcome) {
      return outcome;
    }
  }

  private final ReportingFixture fixture = new ReportingFixture();
  private final ManualHold hold = new ManualHold();
  private final Accounts accounts = new Accounts();

  TransactionHoldTest() {
    Bridge.connect(fixture.client, null, hold);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void outsideATransactionTheEventIsSentAtTheReturn() {
    accounts.create("c-1", "gold");

    assertThat(fixture.client.stats().accepted()).isEqualTo(1);
    assertThat(fixture.flushed()).extracting(ReceivedEvent::customer).containsExactly("c-1");
  }

  @Test
  void insideATransactionTheEventWaitsForTheCommitAndCarriesTheTimeOfTheReturn() {
    hold.inTransaction.set(true);
    Instant before = Instant.now();
    accounts.create("c-1", "gold");
    Instant after = Instant.now();

    assertThat(hold.held).hasSize(1);
    assertThat(fixture.client.stats().accepted()).isZero();
    // The commit comes clearly later than the return.
    await().until(() -> Duration.between(after, Instant.now()).toMillis() > 50);
    hold.commit();

    List<ReceivedEvent> received = fixture.flushed();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).context()).containsEntry("plan", "gold");
    String sent = received.get(0).timestamp();
    assertThat(sent)
        .isBetween(WIRE.format(before.minusMillis(5)), WIRE.format(after.plusMillis(5)));
  }

  @Test
  void aHeldEventCanBeWrittenAsItsBodyForAStoreInsteadOfSent() {
    hold.inTransaction.set(true);
    accounts.create("c-1", "gold");

    PreparedEvent prepared = hold.held.get(0).prepare();

    String body = new String(prepared.body(), StandardCharsets.UTF_8);
    assertThat(body)
        .startsWith("{\"tenant\":" + ReportingFixture.TENANT + ",\"event\":\"account_created\"")
        .contains("\"customer\":\"c-1\"", "\"plan\":\"gold\"");
    assertThat(fixture.client.stats().accepted()).isZero(); // counted by whoever sends it
  }

  @Test
  void aRolledBackEventIsNeverSentAndIsCountedApartFromAccepted() {
    hold.inTransaction.set(true);
    accounts.create("c-1", "gold");
    accounts.create("c-2", "silver");

    hold.rollBack();

    assertThat(fixture.flushed()).isEmpty();
    ClientStats stats = fixture.client.stats();
    assertThat(stats.rolledBack()).isEqualTo(2);
    assertThat(stats.accepted()).isZero();
    assertThat(stats.dropped()).isZero();
  }

  @Test
  void anEventMarkedNotToWaitIsSentAtTheReturnEvenInATransaction() {
    hold.inTransaction.set(true);
    accounts.attemptLogin("c-1");

    assertThat(hold.held).isEmpty();
    hold.rollBack();
    assertThat(fixture.flushed())
        .extracting(ReceivedEvent::event)
        .containsExactly("login_attempted");
  }

  @Test
  void aStageCompletedOnTheCallingThreadWaitsForItsTransaction() {
    hold.inTransaction.set(true);
    accounts.verify("c-1", CompletableFuture.completedFuture("ok"));

    assertThat(hold.held).hasSize(1);
    hold.rollBack();
    assertThat(fixture.client.stats().rolledBack()).isEqualTo(1);
  }

  @Test
  void aStageCompletedOnAnotherThreadIsSentThenWhateverThatThreadsTransaction() throws Exception {
    hold.inTransaction.set(true);
    CompletableFuture<String> outcome = new CompletableFuture<>();
    accounts.verify("c-1", outcome);

    Thread completer =
        new Thread(
            () -> {
              hold.inTransaction.set(true); // another transaction: not the call's
              outcome.complete("ok");
            });
    completer.start();
    completer.join();

    assertThat(hold.held).isEmpty();
    assertThat(fixture.flushed())
        .extracting(ReceivedEvent::event)
        .containsExactly("account_verified");
  }
}
