/**
 * Guice integration: {@link dev.optievent.guice.OptimoveModule} binds the client and connects the
 * aspect.
 */
package dev.optievent.guice;
