/**
 * Micrometer metrics for an Optimove client: {@link dev.optievent.micrometer.OptimoveMetrics} binds
 * its counters, queue gauges and delivery timers to a {@code MeterRegistry}.
 */
package dev.optievent.micrometer;
