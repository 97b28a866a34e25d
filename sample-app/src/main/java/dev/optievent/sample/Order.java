package dev.optievent.sample;

/**
 * A placed order.
 *
 * @param id the order's ID
 */
public record Order(String id) {}
