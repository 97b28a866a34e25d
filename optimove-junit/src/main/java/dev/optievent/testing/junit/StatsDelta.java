package dev.optievent.testing.junit;

import dev.optievent.client.ClientStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client counted since a test began: its {@link ClientStats} minus those at the start. A
 * client outlives the tests of a class, so its own counts are not the test's.
 */
record StatsDelta(
    long accepted,
    long delivered,
    long rejected,
    long dropped,
    long pending,
    Map<String, Long> rejectedByReason,
    Map<String, Long> droppedByReason) {

  /**
   * @param since the counts at the start of the test, or {@code null} for a client started in it
   */
  static StatsDelta between(ClientStats since, ClientStats now) {
    if (since == null) {
      return new StatsDelta(
          now.accepted(),
          now.delivered(),
          now.rejected(),
          now.dropped(),
          now.pending(),
          new TreeMap<>(now.rejectedByReason()),
          new TreeMap<>(now.droppedByReason()));
    }
    return new StatsDelta(
        now.accepted() - since.accepted(),
        now.delivered() - since.delivered(),
        now.rejected() - since.rejected(),
        now.dropped() - since.dropped(),
        now.pending(),
        minus(now.rejectedByReason(), since.rejectedByReason()),
        minus(now.droppedByReason(), since.droppedByReason()));
  }

  private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> since) {
    Map<String, Long> out = new TreeMap<>();
    now.forEach(
        (reason, count) -> {
          long d = count - since.getOrDefault(reason, 0L);
          if (d > 0) {
            out.put(reason, d);
          }
        });
    return out;
  }

  /** Outcomes settled: what the listener should have heard. */
  long settled() {
    return delivered + rejected + dropped;
  }

  /** E.g. {@code accepted 2, delivered 1, rejected 0, dropped 1 (no_identity=1), pending 0}. */
  String describe() {
    return "accepted "
        + accepted
        + ", delivered "
        + delivered
        + ", rejected "
        + rejected
        + reasons(rejectedByReason)
        + ", dropped "
        + dropped
        + reasons(droppedByReason)
        + ", pending "
        + pending;
  }

  private static String reasons(Map<String, Long> byReason) {
    if (byReason.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" (");
    String separator = "";
    for (Map.Entry<String, Long> e : byReason.entrySet()) {
      b.append(separator).append(e.getKey()).append('=').append(e.getValue());
      separator = ", ";
    }
    return b.append(')').toString();
  }
}
