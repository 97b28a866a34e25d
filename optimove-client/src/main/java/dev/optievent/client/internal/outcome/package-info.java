/**
 * What became of each event: {@code Outcomes} counts it once, {@code Accounting} holds the counters
 * behind {@code stats()}, {@code Observation} tells the {@code DeliveryObserver}s and {@code
 * ListenerDispatcher} calls the user's listener on its own thread. Internal: not for use outside
 * this library; may change without notice.
 */
package dev.optievent.client.internal.outcome;
