package dev.optievent.client.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.retry.EndpointCircuit.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The circuit's states, driven with explicit times. */
class EndpointCircuitTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = 1_000_000 * MS;
  private static final long QUIET = 100 * MS;

  private final EndpointCircuit circuit =
      new EndpointCircuit(QUIET, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), T0);

  private void fail(int times, long at) {
    for (int i = 0; i < times; i++) {
      circuit.failed(at, 0);
    }
  }

  @Test
  void failuresWithinTheQuietTimeOfTheLastAnswerTripNothing() {
    fail(10, T0 + QUIET - 1);

    assertThat(circuit.state()).isEqualTo(State.CLOSED);
    assertThat(circuit.waitNanos(T0 + QUIET)).isZero();
    assertThat(circuit.inFlightLimit(64)).isEqualTo(64);
  }

  @Test
  void threeFailuresAfterTheQuietTimeOpenItForAJitteredBackoffThenItProbes() {
    fail(2, T0 + QUIET);
    assertThat(circuit.state()).as("two failures").isEqualTo(State.CLOSED);
    fail(1, T0 + QUIET);

    assertThat(circuit.state()).isEqualTo(State.OPEN);
    assertThat(circuit.failing()).isTrue();
    assertThat(circuit.failingSinceMillis()).isPositive();
    long wait = circuit.waitNanos(T0 + QUIET);
    assertThat(wait).as("equal jitter of the first ceiling").isBetween(50 * MS, 100 * MS);
    assertThat(circuit.waitNanos(T0 + QUIET + wait)).isZero();
    assertThat(circuit.state()).isEqualTo(State.HALF_OPEN);
    assertThat(circuit.probing()).isTrue();
    assertThat(circuit.inFlightLimit(64)).isEqualTo(EndpointCircuit.PROBES);
    assertThat(circuit.inFlightLimit(1)).isEqualTo(1);
  }

  @Test
  void aFailedProbeOpensItAgainForLongerUpToTheCap() {
    long now = T0 + QUIET;
    fail(3, now);
    long previousCeiling = 100 * MS;
    for (int opening = 2; opening <= 6; opening++) {
      now += circuit.waitNanos(now);
      assertThat(circuit.waitNanos(now)).isZero(); // half-open
      circuit.failed(now, 0);
      assertThat(circuit.state()).isEqualTo(State.OPEN);
      long ceiling = Math.min(previousCeiling * 2, 1_000 * MS);
      assertThat(circuit.waitNanos(now)).isBetween(ceiling / 2, ceiling);
      previousCeiling = ceiling;
    }
  }

  @Test
  void anAnswerClosesItAndSaysSoOnce() {
    fail(3, T0 + QUIET);
    long now = T0 + QUIET + circuit.waitNanos(T0 + QUIET);
    circuit.waitNanos(now);

    assertThat(circuit.answered(now)).as("closed by this answer").isTrue();
    assertThat(circuit.state()).isEqualTo(State.CLOSED);
    assertThat(circuit.failingSinceMillis()).isZero();
    assertThat(circuit.answered(now + 1)).as("already closed").isFalse();
    // The count of openings starts again: the next trip opens for the first interval.
    fail(3, now + QUIET + 1);
    assertThat(circuit.waitNanos(now + QUIET + 1)).isBetween(50 * MS, 100 * MS);
  }

  @Test
  void aRetryAfterLongerThanTheBackoffHoldsItOpenThatLongAndALaterOneExtendsIt() {
    fail(2, T0 + QUIET);
    circuit.failed(T0 + QUIET, 3_000 * MS);
    assertThat(circuit.waitNanos(T0 + QUIET)).isEqualTo(3_000 * MS);

    circuit.failed(T0 + QUIET + 10 * MS, 5_000 * MS);
    assertThat(circuit.waitNanos(T0 + QUIET)).isEqualTo(5_010 * MS);
    circuit.failed(T0 + QUIET + 20 * MS, 1 * MS);
    assertThat(circuit.waitNanos(T0 + QUIET)).as("never shortened").isEqualTo(5_010 * MS);
  }

  @Test
  void onlyARealAnswerMakesAFailureTheEventsOwn() {
    assertThat(circuit.answeredSince(T0 - 1)).as("the start is not an answer").isFalse();

    circuit.answered(T0 + 5 * MS);

    assertThat(circuit.answeredSince(T0)).isTrue();
    assertThat(circuit.answeredSince(T0 + 5 * MS)).isTrue();
    assertThat(circuit.answeredSince(T0 + 6 * MS)).isFalse();
  }
}
