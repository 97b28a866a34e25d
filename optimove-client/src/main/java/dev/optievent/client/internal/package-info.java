/**
 * Internal: delivery, validation and helpers. Not for use outside this library; may change without
 * notice.
 */
package dev.optievent.client.internal;
