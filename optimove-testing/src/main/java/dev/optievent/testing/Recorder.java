package dev.optievent.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps what the server saw: counts always, and the lists of requests and accepted events unless
 * recording is off (then nothing grows, for long benchmarks). Lets tests wait for accepted events.
 * Thread-safe.
 */
final class Recorder {

  private final boolean keepRecords;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition accepted = lock.newCondition();
  private final List<ReceivedEvent> events = new ArrayList<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private int requestCount;
  private long acceptedCount;
  private int lastUnacceptedStatus;
  private String lastUnacceptedBody;

  Recorder(boolean keepRecords) {
    this.keepRecords = keepRecords;
  }

  /**
   * Whether requests and events are kept; when not, callers need not build {@link
   * RecordedRequest}s.
   */
  boolean keepsRecords() {
    return keepRecords;
  }

  /**
   * Records one answered request.
   *
   * @param request the request, or {@code null} when not keeping records
   * @param acceptedEvent the event accepted by this request, or {@code null}
   * @param status the status answered, or {@link RecordedRequest#CONNECTION_CUT}
   * @param body the body answered, or {@code null} if the connection was cut
   */
  void record(RecordedRequest request, ReceivedEvent acceptedEvent, int status, String body) {
    lock.lock();
    try {
      requestCount++;
      if (keepRecords && request != null) {
        requests.add(request);
      }
      if (acceptedEvent == null) {
        lastUnacceptedStatus = status;
        lastUnacceptedBody = body;
        return;
      }
      acceptedCount++;
      if (keepRecords) {
        events.add(acceptedEvent);
      }
      accepted.signalAll();
    } finally {
      lock.unlock();
    }
  }

  List<ReceivedEvent> acceptedEvents() {
    lock.lock();
    try {
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  List<RecordedRequest> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  int requestCount() {
    lock.lock();
    try {
      return requestCount;
    } finally {
      lock.unlock();
    }
  }

  long acceptedCount() {
    lock.lock();
    try {
      return acceptedCount;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code count} events were accepted.
   *
   * @return the accepted events (empty when not keeping records)
   * @throws AssertionError on timeout or interruption, saying how many arrived
   */
  List<ReceivedEvent> awaitAccepted(int count, Duration timeout) {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (acceptedCount < count) {
        if (remaining <= 0) {
          throw new AssertionError(shortfall(count, "within " + timeout.toMillis() + " ms"));
        }
        try {
          remaining = accepted.awaitNanos(remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(shortfall(count, "(interrupted while waiting)"));
        }
      }
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  private String shortfall(int count, String when) {
    StringBuilder message =
        new StringBuilder()
            .append("Expected at least ")
            .append(count)
            .append(" accepted event(s) ")
            .append(when)
            .append(", but ")
            .append(acceptedCount)
            .append(" arrived (")
            .append(requestCount)
            .append(" request(s) seen");
    if (requestCount > acceptedCount) {
      message
          .append("; last one not accepted was answered ")
          .append(
              lastUnacceptedBody == null
                  ? "by cutting the connection"
                  : "HTTP " + lastUnacceptedStatus + " " + lastUnacceptedBody);
    }
    return message.append(')').toString();
  }

  /** Forgets all requests, events and counts. */
  void clear() {
    lock.lock();
    try {
      events.clear();
      requests.clear();
      requestCount = 0;
      acceptedCount = 0;
      lastUnacceptedStatus = 0;
      lastUnacceptedBody = null;
    } finally {
      lock.unlock();
    }
  }
}
