package dev.optievent.testing.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on what an {@link OptimoveExtension}'s fake received in the current test and
 * on how its client ended each event. Start them with {@link
 * OptimoveAssertions#assertThat(OptimoveExtension)}.
 *
 * <p><b>They wait, so tests never sleep.</b> Each assertion first flushes the client, then looks
 * again and again until what it expects is there or {@link #within(Duration) the timeout} has
 * passed ({@link OptimoveExtension#assertionTimeout()}, 5 s by default). Those that expect
 * something <em>not</em> to happen ({@link #hasNotReceived(ExpectedEvent)}, an exact count, {@link
 * #hasDeliveredEverything()}) first wait for the client to settle: every event it accepted is
 * delivered, rejected or dropped. Work the test started on other threads is not waited for: join it
 * (say, the {@code CompletableFuture} an annotated method returned) before asserting that something
 * did not happen.
 *
 * <p><b>Failure messages</b> list what arrived (or the outcomes heard), nearest match first, with
 * what differs from the expectation: the event key, the customer or visitor, a parameter's value or
 * type, a parameter missing or extra, or the outcome and its reason; then the client's counts for
 * the test and the events it did not deliver, with their reasons.
 */
public final class OptimoveAssert extends AbstractAssert<OptimoveAssert, OptimoveExtension> {

  /**
   * How many events or outcomes a failure message lists before it says how many more there were.
   */
  private static final int SHOWN = 10;

  // The outcome outweighs the identity and the parameters, not the event key: for "the signup was
  // dropped", the signup that was delivered is nearer than another event that was dropped.
  private static final int OUTCOME_WEIGHT = 100_000;

  private Duration timeout;

  OptimoveAssert(OptimoveExtension actual) {
    super(actual, OptimoveAssert.class);
    this.timeout =
        actual == null ? OptimoveExtension.DEFAULT_ASSERTION_TIMEOUT : actual.assertionTimeout();
  }

  /**
   * Waits up to {@code timeout} in the assertions that follow, instead of the extension's assertion
   * timeout.
   *
   * @param timeout positive
   * @return this assertion
   * @throws IllegalArgumentException if not positive
   */
  public OptimoveAssert within(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * The fake received at least one event that matches {@code expected}; waits for it.
   *
   * @param expected what the event must be, e.g. {@code event("newsletter_signup").forCustomer(
   *     "c-1")}
   * @return this assertion
   */
  public OptimoveAssert hasReceived(ExpectedEvent expected) {
    Objects.requireNonNull(expected, "expected");
    isNotNull();
    Deadline deadline = Deadline.after(timeout);
    actual.flush(deadline);
    List<EventView> events = deadline.poll(this::received, l -> count(l, expected) > 0);
    if (count(events, expected) == 0) {
      fail(
          "Expected the fake Optimove endpoint to receive\n  "
              + expected
              + "\nbut within "
              + millis(deadline)
              + " it received "
              + events(events.size())
              + (events.isEmpty() ? "." : ", none matching.")
              + receivedNearestFirst(expected, events)
              + clientSummary());
    }
    return this;
  }

  /**
   * The fake received exactly one event that matches {@code expected}: waits for it, then for the
   * client to settle, and checks that no second one came.
   *
   * @param expected what the event must be
   * @return this assertion
   */
  public OptimoveAssert hasReceivedOnce(ExpectedEvent expected) {
    return hasReceivedExactly(1, expected);
  }

  /**
   * The fake received exactly {@code times} events that match {@code expected}: waits for them,
   * then for the client to settle, and checks that no more came.
   *
   * @param times how many, zero or more
   * @param expected what the events must be
   * @return this assertion
   * @throws IllegalArgumentException if {@code times} is negative
   */
  public OptimoveAssert hasReceivedExactly(int times, ExpectedEvent expected) {
    Objects.requireNonNull(expected, "expected");
    if (times < 0) {
      throw new IllegalArgumentException("times must be 0 or more, was " + times);
    }
    isNotNull();
    Deadline deadline = Deadline.after(timeout);
    actual.flush(deadline);
    deadline.poll(this::received, l -> count(l, expected) >= times);
    boolean settled = actual.settle(deadline);
    List<EventView> events = received();
    int matching = count(events, expected);
    if (matching != times) {
      fail(
          (times == 0
                  ? "Expected the fake Optimove endpoint to receive no event matching\n  "
                  : "Expected the fake Optimove endpoint to receive exactly "
                      + events(times)
                      + " matching\n  ")
              + expected
              + "\nbut "
              + when(settled, deadline)
              + " it received "
              + (events.isEmpty()
                  ? "no events"
                  : plural(matching, "matching event") + " of " + events.size())
              + "."
              + receivedNearestFirst(expected, events)
              + clientSummary());
    }
    return this;
  }

  /**
   * The fake received no event that matches {@code expected}: waits for the client to settle, then
   * checks.
   *
   * @param expected what no event may be, e.g. {@code event("payment_failed")}
   * @return this assertion
   */
  public OptimoveAssert hasNotReceived(ExpectedEvent expected) {
    return hasReceivedExactly(0, expected);
  }

  /**
   * The fake received exactly {@code count} events in this test, whatever they are: waits for them,
   * then for the client to settle, and checks that no more came.
   *
   * @param count how many, zero or more
   * @return this assertion
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public OptimoveAssert hasReceivedEventCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be 0 or more, was " + count);
    }
    isNotNull();
    Deadline deadline = Deadline.after(timeout);
    actual.flush(deadline);
    deadline.poll(this::received, l -> l.size() >= count);
    boolean settled = actual.settle(deadline);
    List<EventView> events = received();
    if (events.size() != count) {
      fail(
          "Expected the fake Optimove endpoint to receive exactly "
              + events(count)
              + "\nbut "
              + when(settled, deadline)
              + " it received "
              + events(events.size())
              + "."
              + listed("Received, in order of arrival:", events, e -> e.describe(), e -> List.of())
              + clientSummary());
    }
    return this;
  }

  /**
   * The client dropped at least one event with this reason; waits for it.
   *
   * @param reason a constant of {@link dev.optievent.client.Reasons}, e.g. {@code no_identity}
   * @return this assertion
   */
  public OptimoveAssert hasDropped(String reason) {
    return hasOutcome(Outcome.Kind.DROPPED, ExpectedEvent.anyEvent(), reason);
  }

  /**
   * The client dropped an event that matches {@code expected} with this reason; waits for it.
   *
   * @param expected what the event must be (as it would have been sent)
   * @param reason a constant of {@link dev.optievent.client.Reasons}
   * @return this assertion
   */
  public OptimoveAssert hasDropped(ExpectedEvent expected, String reason) {
    return hasOutcome(Outcome.Kind.DROPPED, expected, reason);
  }

  /**
   * The client rejected at least one event with this reason; waits for it.
   *
   * @param reason a constant of {@link dev.optievent.client.Reasons}, e.g. {@code value_too_long},
   *     or {@code Reasons.http(400)}
   * @return this assertion
   */
  public OptimoveAssert hasRejected(String reason) {
    return hasOutcome(Outcome.Kind.REJECTED, ExpectedEvent.anyEvent(), reason);
  }

  /**
   * The client rejected an event that matches {@code expected} with this reason; waits for it.
   *
   * @param expected what the event must be
   * @param reason a constant of {@link dev.optievent.client.Reasons}
   * @return this assertion
   */
  public OptimoveAssert hasRejected(ExpectedEvent expected, String reason) {
    return hasOutcome(Outcome.Kind.REJECTED, expected, reason);
  }

  /**
   * The client delivered every event it was given in this test: waits for it to settle, then checks
   * that it rejected and dropped none.
   *
   * @return this assertion
   */
  public OptimoveAssert hasDeliveredEverything() {
    isNotNull();
    Deadline deadline = Deadline.after(timeout);
    boolean settled = actual.settle(deadline);
    StatsDelta stats = actual.statsThisTest();
    if (stats.rejected() + stats.dropped() > 0) {
      // The listener hears outcomes on its own thread: give it the time to list them all.
      List<Outcome> failed = notDelivered(actual.awaitOutcomes(Deadline.after(timeout)));
      fail(
          "Expected the client to deliver every event of this test\nbut it rejected "
              + stats.rejected()
              + " and dropped "
              + stats.dropped()
              + "."
              + listed("Not delivered:", failed, Outcome::describeWithEvent, o -> List.of())
              + "\nThe client in this test: "
              + stats.describe()
              + ".");
    }
    if (!settled) {
      fail(
          "Expected the client to deliver every event of this test\nbut within "
              + millis(deadline)
              + " it did not settle."
              + clientSummary());
    }
    return this;
  }

  // ---- Outcomes -------------------------------------------------------------------------------

  private OptimoveAssert hasOutcome(Outcome.Kind kind, ExpectedEvent expected, String reason) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(reason, "reason");
    isNotNull();
    Deadline deadline = Deadline.after(timeout);
    actual.flush(deadline);
    List<Outcome> heard =
        deadline.poll(
            actual::outcomes,
            l -> l.stream().anyMatch(o -> outcomeMatches(o, kind, reason, expected)));
    if (heard.stream().noneMatch(o -> outcomeMatches(o, kind, reason, expected))) {
      String wanted = kind.name().toLowerCase(Locale.ROOT) + " (" + reason + ")";
      List<Outcome> ranked = rank(heard, o -> outcomeDistance(o, kind, reason, expected));
      fail(
          "Expected the client to "
              + (kind == Outcome.Kind.DROPPED ? "drop" : "reject")
              + (expected.isAny() ? " an event " : " an event matching\n  " + expected + "\n")
              + "with reason "
              + reason
              + "\nbut within "
              + millis(deadline)
              + " it reported "
              + plural(heard.size(), "outcome")
              + (heard.isEmpty() ? "." : ", none matching.")
              + listed(
                  "Outcomes, nearest match first:",
                  ranked,
                  Outcome::describeWithEvent,
                  o -> outcomeDifferences(o, kind, reason, wanted, expected))
              + "\nThe client in this test: "
              + actual.statsThisTest().describe()
              + ".");
    }
    return this;
  }

  private static boolean outcomeMatches(
      Outcome o, Outcome.Kind kind, String reason, ExpectedEvent expected) {
    return o.kind() == kind
        && reason.equals(o.reason())
        && expected.matches(EventView.of(o.event()));
  }

  private static int outcomeDistance(
      Outcome o, Outcome.Kind kind, String reason, ExpectedEvent expected) {
    boolean outcomeDiffers = o.kind() != kind || !reason.equals(o.reason());
    return (outcomeDiffers ? OUTCOME_WEIGHT : 0) + expected.distance(EventView.of(o.event()));
  }

  private static List<String> outcomeDifferences(
      Outcome o, Outcome.Kind kind, String reason, String wanted, ExpectedEvent expected) {
    List<String> out = new ArrayList<>();
    if (o.kind() != kind || !reason.equals(o.reason())) {
      out.add(
          "outcome: expected "
              + wanted
              + " but was "
              + o.kind().name().toLowerCase(Locale.ROOT)
              + (o.reason() == null ? "" : " (" + o.reason() + ")"));
    }
    out.addAll(expected.differences(EventView.of(o.event())));
    return out;
  }

  // ---- Messages -------------------------------------------------------------------------------

  private List<EventView> received() {
    return actual.receivedEvents().stream().map(EventView::of).toList();
  }

  private static int count(List<EventView> events, ExpectedEvent expected) {
    return (int) events.stream().filter(expected::matches).count();
  }

  private static String receivedNearestFirst(ExpectedEvent expected, List<EventView> events) {
    return listed(
        "Received, nearest match first:",
        rank(events, expected::distance),
        EventView::describe,
        expected::differences);
  }

  /** Sorts by distance, keeping the order of arrival among equals. */
  private static <T> List<T> rank(List<T> items, Function<T, Integer> distance) {
    List<T> ranked = new ArrayList<>(items);
    ranked.sort(Comparator.comparing(distance));
    return ranked;
  }

  /** A numbered list under a heading, each entry with its differences; empty for no entries. */
  private static <T> String listed(
      String heading,
      List<T> items,
      Function<T, String> describe,
      Function<T, List<String>> differences) {
    if (items.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("\n").append(heading);
    for (int i = 0; i < Math.min(items.size(), SHOWN); i++) {
      T item = items.get(i);
      b.append("\n  ").append(i + 1).append(". ").append(describe.apply(item));
      for (String difference : differences.apply(item)) {
        b.append("\n       - ").append(difference);
      }
    }
    if (items.size() > SHOWN) {
      b.append("\n  ... and ").append(items.size() - SHOWN).append(" more");
    }
    return b.toString();
  }

  /** The client's counts in this test, and the events it did not deliver so far. */
  private String clientSummary() {
    return listed(
            "Not delivered by the client:",
            notDelivered(actual.outcomes()),
            Outcome::describeWithEvent,
            o -> List.of())
        + "\nThe client in this test: "
        + actual.statsThisTest().describe()
        + ".";
  }

  private static List<Outcome> notDelivered(List<Outcome> outcomes) {
    return outcomes.stream().filter(o -> o.kind() != Outcome.Kind.DELIVERED).toList();
  }

  private static String when(boolean settled, Deadline deadline) {
    return settled
        ? "once the client had settled (within " + millis(deadline) + ")"
        : "within " + millis(deadline) + ", with the client still busy,";
  }

  private static String millis(Deadline deadline) {
    return deadline.timeout().toMillis() + " ms";
  }

  private static String events(int n) {
    return plural(n, "event");
  }

  private static String plural(int n, String noun) {
    return (n == 0 ? "no " : n + " ") + noun + (n == 1 ? "" : "s");
  }

  private void fail(String message) {
    // As an argument, not the format: the message holds the test's values, '%' included.
    failWithMessage("%s", message);
  }
}
