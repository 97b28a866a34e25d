package dev.optievent.client.internal.delivery;

import dev.optievent.client.internal.ClientCounters;
import dev.optievent.client.internal.outcome.Accounting;
import dev.optievent.client.internal.queue.Pipeline;
import java.util.Set;

/** A client's counters and queue, read live; see {@link Engine#counters()}. */
final class EngineCounters implements ClientCounters {
  private final Accounting accounting;
  private final Pipeline pipeline;
  private final int queueCapacity;

  EngineCounters(Accounting accounting, Pipeline pipeline, int queueCapacity) {
    this.accounting = accounting;
    this.pipeline = pipeline;
    this.queueCapacity = queueCapacity;
  }

  @Override
  public long accepted() {
    return accounting.acceptedCount();
  }

  @Override
  public long rolledBack() {
    return accounting.rolledBackCount();
  }

  @Override
  public long returned() {
    return accounting.returnedCount();
  }

  @Override
  public long delivered() {
    return accounting.deliveredCount();
  }

  @Override
  public long rejected(String reason) {
    return accounting.rejectedCount(reason);
  }

  @Override
  public long dropped(String reason) {
    return accounting.droppedCount(reason);
  }

  @Override
  public Set<String> rejectedReasons() {
    return accounting.rejectedReasons();
  }

  @Override
  public Set<String> droppedReasons() {
    return accounting.droppedReasons();
  }

  @Override
  public long retries() {
    return accounting.retriesCount();
  }

  @Override
  public long pending() {
    return accounting.pending();
  }

  @Override
  public int queueSize() {
    return pipeline.held();
  }

  @Override
  public int queueCapacity() {
    return queueCapacity;
  }

  @Override
  public int activeRequests() {
    return pipeline.inFlight();
  }
}
