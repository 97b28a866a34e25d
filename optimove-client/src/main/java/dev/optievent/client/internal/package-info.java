/**
 * Internal: what the client's front-ends share with it ({@code ClientAccess}, {@code
 * DeliveryObserver}, {@code ClientCounters}, {@code ValueMapper}, {@code ParamMap}) and small
 * helpers the engine's packages share (logging, threads, time). The engine itself is split by job
 * into {@code queue}, {@code delivery}, {@code http}, {@code retry}, {@code outcome}, {@code wire},
 * {@code spool} and {@code validation}. Not for use outside this library; may change without
 * notice.
 */
package dev.optievent.client.internal;
