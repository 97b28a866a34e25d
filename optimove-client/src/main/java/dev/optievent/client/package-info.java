/**
 * The asynchronous Optimove client: {@link dev.optievent.client.OptimoveConfig}, {@link
 * dev.optievent.client.OptimoveClient}, events, stats and delivery callbacks.
 */
package dev.optievent.client;
