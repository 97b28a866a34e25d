package dev.optievent.client;

import java.util.Map;

/**
 * A consistent snapshot of an {@link OptimoveClient}'s counters. At every moment {@code accepted ==
 * delivered + rejected + dropped + pending}.
 *
 * @param accepted events handed to the client (including those refused before queueing)
 * @param delivered events Optimove answered with {@code "status":"success"}
 * @param rejected events refused for good, by Optimove or by a validation rule
 * @param dropped events given up on (queue full, no identity, retries exhausted, shutdown, ...)
 * @param pending events queued, in flight, waiting for a retry, or held in the durable spool
 * @param retries retry attempts made (not events)
 * @param droppedByReason dropped events per reason code
 * @param rejectedByReason rejected events per reason code
 * @param spooled of the pending events, those held on disk only, in the durable spool (waiting to
 *     be replayed, or kept there by {@code close()} for the next start); 0 without a spool
 * @param spoolBytes bytes of the spool's files; 0 without a spool
 * @param rolledBack events of annotated methods that were held for their transaction's commit and
 *     not sent because it rolled back; outside {@code accepted} (they report work that never
 *     happened), and not drops
 * @param returned events a store outside the client (the transactional outbox) handed over and got
 *     back undelivered (the client closed, or could not deliver them in time): not lost, the store
 *     keeps them for a later attempt; 0 without one. With it, {@code accepted == delivered +
 *     rejected + dropped + returned + pending}
 */
public record ClientStats(
    long accepted,
    long delivered,
    long rejected,
    long dropped,
    long pending,
    long retries,
    Map<String, Long> droppedByReason,
    Map<String, Long> rejectedByReason,
    long spooled,
    long spoolBytes,
    long rolledBack,
    long returned) {

  /**
   * Copies the maps so the snapshot is immutable.
   *
   * @param accepted events handed to the client
   * @param delivered events Optimove took
   * @param rejected events refused for good
   * @param dropped events given up on
   * @param pending events queued, in flight or waiting for a retry
   * @param retries retry attempts made
   * @param droppedByReason dropped events per reason code
   * @param rejectedByReason rejected events per reason code
   * @param spooled of the pending events, those held in the durable spool only
   * @param spoolBytes bytes of the spool's files; 0 without a spool
   * @param rolledBack events not sent because their transaction rolled back
   * @param returned events given back undelivered to the store that keeps them
   */
  public ClientStats {
    droppedByReason = Map.copyOf(droppedByReason);
    rejectedByReason = Map.copyOf(rejectedByReason);
  }

  /**
   * A snapshot without a store outside the client.
   *
   * @param accepted events handed to the client
   * @param delivered events Optimove took
   * @param rejected events refused for good
   * @param dropped events given up on
   * @param pending events queued, in flight or waiting for a retry
   * @param retries retry attempts made
   * @param droppedByReason dropped events per reason code
   * @param rejectedByReason rejected events per reason code
   * @param spooled of the pending events, those held in the durable spool only
   * @param spoolBytes bytes of the spool's files; 0 without a spool
   * @param rolledBack events not sent because their transaction rolled back
   */
  public ClientStats(
      long accepted,
      long delivered,
      long rejected,
      long dropped,
      long pending,
      long retries,
      Map<String, Long> droppedByReason,
      Map<String, Long> rejectedByReason,
      long spooled,
      long spoolBytes,
      long rolledBack) {
    this(
        accepted,
        delivered,
        rejected,
        dropped,
        pending,
        retries,
        droppedByReason,
        rejectedByReason,
        spooled,
        spoolBytes,
        rolledBack,
        0);
  }

  /**
   * A snapshot without events rolled back.
   *
   * @param accepted events handed to the client
   * @param delivered events Optimove took
   * @param rejected events refused for good
   * @param dropped events given up on
   * @param pending events queued, in flight or waiting for a retry
   * @param retries retry attempts made
   * @param droppedByReason dropped events per reason code
   * @param rejectedByReason rejected events per reason code
   * @param spooled of the pending events, those held in the durable spool only
   * @param spoolBytes bytes of the spool's files; 0 without a spool
   */
  public ClientStats(
      long accepted,
      long delivered,
      long rejected,
      long dropped,
      long pending,
      long retries,
      Map<String, Long> droppedByReason,
      Map<String, Long> rejectedByReason,
      long spooled,
      long spoolBytes) {
    this(
        accepted,
        delivered,
        rejected,
        dropped,
        pending,
        retries,
        droppedByReason,
        rejectedByReason,
        spooled,
        spoolBytes,
        0,
        0);
  }

  /**
   * A snapshot of a client without a spool.
   *
   * @param accepted events handed to the client
   * @param delivered events Optimove took
   * @param rejected events refused for good
   * @param dropped events given up on
   * @param pending events queued, in flight or waiting for a retry
   * @param retries retry attempts made
   * @param droppedByReason dropped events per reason code
   * @param rejectedByReason rejected events per reason code
   */
  public ClientStats(
      long accepted,
      long delivered,
      long rejected,
      long dropped,
      long pending,
      long retries,
      Map<String, Long> droppedByReason,
      Map<String, Long> rejectedByReason) {
    this(
        accepted,
        delivered,
        rejected,
        dropped,
        pending,
        retries,
        droppedByReason,
        rejectedByReason,
        0,
        0);
  }

  /**
   * Dropped events with this reason.
   *
   * @param reason a reason code such as {@code queue_full}
   * @return the count, 0 if none
   */
  public long dropped(String reason) {
    return droppedByReason.getOrDefault(reason, 0L);
  }

  /**
   * Rejected events with this reason.
   *
   * @param reason a reason code such as {@code server_error}
   * @return the count, 0 if none
   */
  public long rejected(String reason) {
    return rejectedByReason.getOrDefault(reason, 0L);
  }
}
