/**
 * The bytes that cross the wire: {@code PayloadWriter} writes an event's JSON body exactly once,
 * the same for a request and a spool record. Internal: not for use outside this library; may change
 * without notice.
 */
package dev.optievent.client.internal.wire;
