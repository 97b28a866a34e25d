package dev.optievent.testing;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The FIFO queue of scripted {@link Fault}s; each request takes the next one, if any. Thread-safe.
 */
final class FaultScript {

  private final Queue<Fault> queue = new ConcurrentLinkedQueue<>();

  void add(Fault... faults) {
    Objects.requireNonNull(faults, "faults");
    for (Fault fault : faults) {
      Objects.requireNonNull(fault, "fault");
    }
    queue.addAll(List.of(faults));
  }

  /** Takes the next scripted fault, or {@code null} when the script is used up. */
  Fault next() {
    return queue.poll();
  }

  void clear() {
    queue.clear();
  }
}
