/**
 * The annotation processor that checks the OptiEvent annotations at compile time and writes the
 * module's event catalog ({@code META-INF/optimove/events.json} and {@code events.md}). The
 * compiler finds and runs it; nothing here is for direct use.
 */
package dev.optievent.annotation.processor;
