package dev.optievent.aspect.internal;

/**
 * One context parameter of an event: its Optimove name and where its value comes from. Internal.
 */
final class ParamBinding {
  final String name;
  final ValueSource source;

  ParamBinding(String name, ValueSource source) {
    this.name = name;
    this.source = source;
  }
}
