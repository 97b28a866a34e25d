package dev.optievent.aspect.internal;

import java.lang.reflect.Member;
import java.util.List;

/**
 * Where one value of an event comes from: an argument or the return value, optionally followed by a
 * property path. Internal.
 */
final class ValueSource {
  /** The index used for the return value. */
  static final int RETURN_VALUE = -1;

  private final int argIndex;
  private final PropertyPath path;
  private final String description;

  ValueSource(int argIndex, PropertyPath path, String description) {
    this.argIndex = argIndex;
    this.path = path;
    this.description = description;
  }

  /** Reads the raw value (before type mapping). */
  Object read(Object[] args, Object returnValue) throws Throwable {
    Object root = argIndex == RETURN_VALUE ? returnValue : args[argIndex];
    return path == null ? root : path.read(root);
  }

  /** The accessors its path reads; none without a path. */
  List<Member> members() {
    return path == null ? List.of() : path.members();
  }

  /** Names the source in messages, e.g. "argument 2 (path plan.name)". */
  @Override
  public String toString() {
    return description;
  }
}
