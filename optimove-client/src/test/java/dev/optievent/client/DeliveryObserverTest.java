package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.ClientCounters;
import dev.optievent.client.internal.DeliveryObserver;
import dev.optievent.client.internal.DeliveryObserver.Outcome;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The internal observation hook that metrics hang on: what it hears, on which threads, and that an
 * observer cannot break delivery. Over real HTTP.
 */
class DeliveryObserverTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;
  private final Recording recording = new Recording();

  private OptimoveClient observedClient(UnaryOperator<OptimoveConfig.Builder> settings) {
    client = endpoint.client(settings.apply(config(server)).build());
    ClientAccess.get().observe(client, recording);
    return client;
  }

  @Test
  void hearsEveryExchangeAndTheSettledOutcomeOnLibraryThreads() {
    observedClient(b -> b);
    server.script(Fault.status(503));

    client.send(event(1));
    flushed(client);

    assertThat(recording.exchanges).extracting(Exchange::status).containsExactly(503, 200);
    assertThat(recording.exchanges).allSatisfy(e -> assertThat(e.nanos()).isPositive());
    assertThat(recording.exchanges).extracting(Exchange::eventKey).containsOnly("order_placed");
    assertThat(recording.settled)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.outcome()).isEqualTo(Outcome.DELIVERED);
              assertThat(s.reason()).isNull();
              assertThat(s.eventKey()).isEqualTo("order_placed");
              // Accepted before the first exchange started: at least as long as both exchanges.
              assertThat(s.nanos())
                  .isGreaterThanOrEqualTo(
                      recording.exchanges.get(0).nanos() + recording.exchanges.get(1).nanos());
            });
    assertThat(recording.threads).allSatisfy(t -> assertThat(t).startsWith("optimove-"));
  }

  @Test
  void aTimeoutAndACutConnectionAreExchangesWithoutAStatus() {
    observedClient(b -> b.requestTimeout(Duration.ofMillis(300)));
    server.script(Fault.delay(Duration.ofSeconds(2)), Fault.disconnect());

    client.send(event(1));
    flushed(client);

    assertThat(recording.exchanges)
        .extracting(Exchange::status, Exchange::timedOut)
        .containsExactly(tuple(0, true), tuple(0, false), tuple(200, false));
  }

  @Test
  void rejectionsAndDropsOfQueuedEventsAreHeardWithTheirReason() {
    observedClient(b -> b.maxAttempts(2));
    server.script(Fault.errorStatus("bad"));

    client.send(event(1));
    flushed(client);
    DeliveryFixture.poison(server, Fault.status(503));
    client.send(DeliveryFixture.poisonEvent());
    DeliveryFixture.answerOthersUntil(client, () -> client.stats().dropped() == 1);
    flushed(client);

    assertThat(recording.settled)
        .filteredOn(s -> !s.eventKey().equals(DeliveryFixture.OTHER))
        .extracting(Settled::outcome, Settled::reason)
        .containsExactly(
            tuple(Outcome.REJECTED, Reasons.SERVER_ERROR),
            tuple(Outcome.DROPPED, Reasons.RETRIES_EXHAUSTED));
    assertThat(recording.appeared)
        .containsExactly("REJECTED server_error", "DROPPED retries_exhausted");
  }

  @Test
  void whatTheCallingThreadRefusesIsCountedButOnlyANewReasonIsHeard() {
    observedClient(b -> b);
    Event noCustomer = Event.builder("order_placed").customer("none").build();

    assertThat(client.send(noCustomer)).isFalse();
    assertThat(client.send(noCustomer)).isFalse();

    assertThat(client.stats().rejected(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(2);
    assertThat(recording.appeared).containsExactly("REJECTED invalid_customer_id");
    assertThat(recording.settled).isEmpty();
    assertThat(recording.exchanges).isEmpty();
  }

  @Test
  void anObserverThatThrowsBreaksNeitherTheCallerNorDelivery() {
    client = endpoint.client(config(server).build());
    ClientAccess.get().observe(client, new Throwing());
    ClientAccess.get().observe(client, recording); // the one after a thrower still hears all
    server.script(Fault.status(503));

    assertThat(client.send(Event.builder("order_placed").customer("none").build())).isFalse();
    for (int i = 0; i < 5; i++) {
      assertThat(client.send(event(i))).isTrue();
    }
    ClientStats stats = flushed(client);

    assertThat(stats.delivered()).isEqualTo(5);
    assertThat(stats.rejected(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
    assertThat(server.acceptedCount()).isEqualTo(5);
    assertThat(recording.settled).hasSize(5);
    assertThat(recording.exchanges).hasSize(6);
    assertThat(recording.appeared).containsExactly("REJECTED invalid_customer_id");
  }

  @Test
  void countersReadWhatStatsSums() {
    observedClient(b -> b);
    server.script(Fault.status(503), Fault.errorStatus("bad"));
    client.send(event(1));
    client.send(Event.builder("order_placed").customer("none").build());
    flushed(client);
    client.send(event(2));
    flushed(client);

    ClientCounters counters = ClientAccess.get().counters(client);
    ClientStats stats = client.stats();
    assertThat(counters.accepted()).isEqualTo(stats.accepted()).isEqualTo(3);
    assertThat(counters.delivered()).isEqualTo(stats.delivered());
    assertThat(counters.rejectedReasons()).isEqualTo(stats.rejectedByReason().keySet());
    assertThat(counters.rejected(Reasons.SERVER_ERROR))
        .isEqualTo(stats.rejected(Reasons.SERVER_ERROR));
    assertThat(counters.rejected(Reasons.INVALID_CUSTOMER_ID)).isEqualTo(1);
    assertThat(counters.dropped(Reasons.QUEUE_FULL)).isZero();
    assertThat(counters.droppedReasons()).isEmpty();
    assertThat(counters.retries()).isEqualTo(stats.retries()).isEqualTo(1);
    assertThat(counters.pending()).isZero();
    assertThat(counters.queueSize()).isZero();
    assertThat(counters.activeRequests()).isZero();
    assertThat(counters.queueCapacity()).isEqualTo(client.config().queueCapacity());
  }

  record Exchange(int status, boolean timedOut, String eventKey, long nanos) {}

  record Settled(Outcome outcome, String reason, String eventKey, long nanos) {}

  /** Records each callback and the thread it ran on. */
  static final class Recording implements DeliveryObserver {
    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    final List<Settled> settled = new CopyOnWriteArrayList<>();
    final List<String> appeared = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void reasonAppeared(Outcome outcome, String reason) {
      appeared.add(outcome + " " + reason);
    }

    @Override
    public void exchange(int status, boolean timedOut, String eventKey, long nanos) {
      threads.add(Thread.currentThread().getName());
      exchanges.add(new Exchange(status, timedOut, eventKey, nanos));
    }

    @Override
    public void settled(Outcome outcome, String reason, String eventKey, long nanos) {
      threads.add(Thread.currentThread().getName());
      settled.add(new Settled(outcome, reason, eventKey, nanos));
    }
  }

  /** Throws from every callback, an Error included. */
  static final class Throwing implements DeliveryObserver {
    @Override
    public void reasonAppeared(Outcome outcome, String reason) {
      throw new IllegalStateException("observer broke");
    }

    @Override
    public void exchange(int status, boolean timedOut, String eventKey, long nanos) {
      throw new AssertionError("observer broke");
    }

    @Override
    public void settled(Outcome outcome, String reason, String eventKey, long nanos) {
      throw new IllegalStateException("observer broke");
    }
  }
}
