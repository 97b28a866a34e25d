package dev.optievent.client.internal;

import java.util.Set;

/**
 * Live readings of one client's own counters and queue, for metrics: each call reads the current
 * value, the same counters {@link dev.optievent.client.OptimoveClient#stats()} sums, so the two
 * never disagree. Reads are cheap but not free (the queue's lock, a sum of striped counters): for a
 * registry's scrape, not for a hot path. Obtained from {@link
 * ClientAccess#counters(dev.optievent.client.OptimoveClient)}. Internal: not for use outside this
 * library; may change without notice.
 */
public interface ClientCounters {

  /**
   * @return events handed to the client so far
   */
  long accepted();

  /**
   * @return events delivered so far
   */
  long delivered();

  /**
   * @param reason a reason code
   * @return events rejected with it so far, 0 if none
   */
  long rejected(String reason);

  /**
   * @param reason a reason code
   * @return events dropped with it so far, 0 if none
   */
  long dropped(String reason);

  /**
   * @return the reason codes counted as rejected so far (a copy)
   */
  Set<String> rejectedReasons();

  /**
   * @return the reason codes counted as dropped so far (a copy)
   */
  Set<String> droppedReasons();

  /**
   * @return events not sent because their transaction rolled back, as {@link
   *     dev.optievent.client.ClientStats#rolledBack()}
   */
  long rolledBack();

  /**
   * @return events given back undelivered to the store that keeps them, as {@link
   *     dev.optievent.client.ClientStats#returned()}
   */
  long returned();

  /**
   * @return retry attempts so far
   */
  long retries();

  /**
   * @return accepted events not settled yet, as {@link dev.optievent.client.ClientStats#pending()}
   */
  long pending();

  /**
   * @return events held waiting to be sent: new, due and waiting for a retry
   */
  int queueSize();

  /**
   * @return the most events the queue holds ({@code queueCapacity})
   */
  int queueCapacity();

  /**
   * @return requests in flight now
   */
  int activeRequests();
}
