/**
 * The test kit for users' own tests: {@link dev.optievent.testing.junit.OptimoveExtension} (a JUnit
 * 5 extension that runs a {@link dev.optievent.testing.FakeOptimoveServer} and a client connected
 * to the aspect) and {@link dev.optievent.testing.junit.OptimoveAssertions} (AssertJ assertions
 * that wait for events and say what differs).
 */
package dev.optievent.testing.junit;
