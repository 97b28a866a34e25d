package dev.optievent.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FIFO queue of scripted {@link Fault}s, each request taking the next one, and the faults that
 * answer every request for a given event key. Thread-safe.
 */
final class FaultScript {

  /** The event key of a request body, without parsing all of it (a wrong guess only misses). */
  private static final Pattern EVENT_KEY = Pattern.compile("\"event\"\\s*:\\s*\"([^\"\\\\]*)\"");

  private final Queue<Fault> queue = new ConcurrentLinkedQueue<>();
  private final Map<String, Fault> byEvent = new ConcurrentHashMap<>();

  void add(Fault... faults) {
    Objects.requireNonNull(faults, "faults");
    for (Fault fault : faults) {
      Objects.requireNonNull(fault, "fault");
    }
    queue.addAll(List.of(faults));
  }

  void failEvent(String eventKey, Fault fault) {
    Objects.requireNonNull(eventKey, "eventKey");
    if (fault == null) {
      byEvent.remove(eventKey);
    } else {
      byEvent.put(eventKey, fault);
    }
  }

  /**
   * The fault for a request: the one set for its event key, else the next scripted one, else {@code
   * null}.
   *
   * @param body the request's body
   */
  Fault next(String body) {
    if (!byEvent.isEmpty()) {
      Matcher m = EVENT_KEY.matcher(body);
      Fault f = m.find() ? byEvent.get(m.group(1)) : null;
      if (f != null) {
        return f;
      }
    }
    return queue.poll();
  }

  void clear() {
    queue.clear();
    byEvent.clear();
  }
}
