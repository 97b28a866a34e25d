/**
 * Internal: method plans, value extraction and the advice's work. Not for use outside this library;
 * may change without notice.
 */
package dev.optievent.aspect.internal;
