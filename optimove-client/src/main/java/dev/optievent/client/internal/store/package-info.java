/**
 * The client's side of a store outside it that keeps events until they are sent (the transactional
 * outbox): an event checked and written as its request body, and what becomes of one the store
 * hands over. Uses nothing else of the engine. Internal: not for use outside this library.
 */
package dev.optievent.client.internal.store;
