/**
 * The woven aspect and what business code uses beside the annotations: connecting the aspect to a
 * client ({@link dev.optievent.aspect.OptimoveReporting}), per-thread identity scopes ({@link
 * dev.optievent.aspect.OptimoveContext}) and the {@link dev.optievent.aspect.CustomerIdResolver}.
 */
package dev.optievent.aspect;
