/**
 * Annotations that declare which methods report Optimove events and where each event's values come
 * from. This module has no dependencies; the reporting itself is woven in by {@code
 * optimove-aspect}.
 */
package dev.optievent.annotation;
