package dev.optievent.client.internal;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.internal.store.PreparedEvent;
import dev.optievent.client.internal.store.StoredOutcome;

/**
 * What the library's own front-ends (the aspect, framework integrations) need from an {@link
 * OptimoveClient} beyond its public API, kept off that API. {@link OptimoveClient} installs the one
 * implementation when its class is initialised; front-ends reach it with {@link #get()}. Internal:
 * not for use outside this library; may change without notice.
 */
public abstract class ClientAccess {
  private static volatile ClientAccess instance;

  /** For {@link OptimoveClient} only. */
  protected ClientAccess() {}

  /**
   * Installs the implementation; only {@link OptimoveClient}'s class initialiser calls this.
   *
   * @param access the implementation
   * @throws IllegalStateException if one is installed already
   */
  public static synchronized void install(ClientAccess access) {
    if (instance != null) {
      throw new IllegalStateException("ClientAccess is installed already");
    }
    instance = access;
  }

  /**
   * The implementation.
   *
   * @return the one instance
   */
  public static ClientAccess get() {
    ClientAccess access = instance;
    if (access == null) {
      initialise(OptimoveClient.class);
      access = instance;
    }
    return access;
  }

  private static void initialise(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Counts an event that a front-end could not build or hand over as accepted and dropped, logs it
   * (once at WARN per reason and event key, then at DEBUG) and tells the listener.
   *
   * @param client the client
   * @param event the event as far as it could be built (at least its key)
   * @param reason a code from {@link dev.optievent.client.Reasons}
   * @param cause what went wrong, or {@code null}
   */
  public abstract void dropped(OptimoveClient client, Event event, String reason, Throwable cause);

  /**
   * {@link OptimoveClient#send(Event)} for an event a front-end captured: its timestamp and its
   * acceptance time come from one clock read ({@link WallClock}), and no {@code Instant} is made.
   * An event that passes validation unchanged is queued as its parts, and no {@link Event} is made
   * for it.
   *
   * @param client the client
   * @param eventKey the event key
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null}
   * @param names the parameter names by slot, shared by every event of the method: never changed
   * @param values the mapped values by slot, {@code null} for one left out; handed over, never
   *     written again by the caller
   * @return whether the event was queued
   */
  public abstract boolean sendNow(
      OptimoveClient client,
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values);

  /**
   * {@link #sendNow} for an event a front-end captured at {@code epochNanos} and held until now
   * (for its transaction's commit): its timestamp, and the acceptance time {@code maxEventAge}
   * counts from, are when it was captured.
   *
   * @param client the client
   * @param eventKey the event key
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null}
   * @param names the parameter names by slot, shared: never changed
   * @param values the mapped values by slot; handed over
   * @param epochNanos when it was captured, from {@link WallClock#epochNanos(long)}
   * @return whether the event was queued
   */
  public abstract boolean sendHeld(
      OptimoveClient client,
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values,
      long epochNanos);

  /**
   * Counts an event a front-end held for a transaction that rolled back ({@link
   * dev.optievent.client.ClientStats#rolledBack()}): it never reaches the client's queue, and is
   * neither accepted nor dropped.
   *
   * @param client the client
   */
  public abstract void rolledBack(OptimoveClient client);

  /**
   * Checks an event a front-end captured, as {@link #sendNow} would, and writes its request body,
   * without queueing it: for a store outside the client (the transactional outbox) that sends it
   * later. An event a rule refuses is counted as accepted and rejected (or dropped); one that
   * passes is not counted here.
   *
   * @param client the client whose rules, tenant and counters apply
   * @param eventKey the event key
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null}
   * @param names the parameter names by slot, shared: never changed
   * @param values the mapped values by slot
   * @param epochNanos its timestamp, in nanoseconds since the epoch
   * @return the event as it will be sent, or {@code null} if a rule refused it
   */
  public abstract PreparedEvent prepare(
      OptimoveClient client,
      String eventKey,
      String customerId,
      String visitorId,
      String[] names,
      Object[] values,
      long epochNanos);

  /**
   * {@link #prepare(OptimoveClient, String, String, String, String[], Object[], long)} for an event
   * the user made (its timestamp as given).
   *
   * @param client the client whose rules, tenant and counters apply
   * @param event the event
   * @return the event as it will be sent, or {@code null} if a rule refused it
   */
  public abstract PreparedEvent prepare(OptimoveClient client, Event event);

  /**
   * Hands the client an event a store outside it keeps (the transactional outbox), as the body
   * {@link #prepare} wrote: counted as accepted, sent with the same limits, retries and accounting
   * as any event, and never spooled. {@code outcome} hears what became of it: delivered, rejected,
   * or returned (the client could not deliver it: closed, queue full, too old, ...), which is
   * counted in {@code returned}, not as a drop.
   *
   * @param client the client
   * @param eventKey the event key
   * @param body the request body, exactly as it is sent (its tenant must be the client's)
   * @param epochNanos the event's timestamp; its age in the client ({@code maxEventAge}) counts
   *     from this hand-over, as the store keeps its own maximum age
   * @param outcome whom to tell; see {@link StoredOutcome} for its threads
   * @return whether it was queued (if not, {@code outcome} was told it was returned)
   */
  public abstract boolean sendStored(
      OptimoveClient client, String eventKey, byte[] body, long epochNanos, StoredOutcome outcome);

  /**
   * An event a front-end captured, made again from the parts a queued delivery keeps, as {@link
   * #sendNow} made it.
   *
   * @param eventKey the event key
   * @param customerId the customer ID, or {@code null}
   * @param visitorId the visitor ID, or {@code null}
   * @param epochNanos its timestamp, in nanoseconds since the epoch
   * @param params the parameters, mapped
   * @return the event
   */
  public abstract Event capturedEvent(
      String eventKey, String customerId, String visitorId, long epochNanos, ParamMap params);

  /**
   * Runs {@code action} once, when {@code client} has closed (at once if it has already).
   * Exceptions from the action are logged, never thrown to whoever closes the client.
   *
   * @param client the client
   * @param action what to do
   */
  public abstract void whenClosed(OptimoveClient client, Runnable action);

  /**
   * Makes {@code observer} hear {@code client}'s deliveries from now on, beside any observer
   * registered before, until the client is gone. While no observer is registered, delivery pays one
   * null check per hook.
   *
   * @param client the client
   * @param observer the observer; see {@link DeliveryObserver} for the threads it runs on
   */
  public abstract void observe(OptimoveClient client, DeliveryObserver observer);

  /**
   * Live readings of {@code client}'s counters and queue.
   *
   * @param client the client
   * @return a view that reads the client each time it is asked
   */
  public abstract ClientCounters counters(OptimoveClient client);
}
