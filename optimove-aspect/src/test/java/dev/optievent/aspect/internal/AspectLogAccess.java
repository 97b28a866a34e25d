package dev.optievent.aspect.internal;

import org.slf4j.Logger;

/** Lets tests in other packages put a logger of their own in the aspect's place. */
public final class AspectLogAccess {
  private AspectLogAccess() {}

  public static void use(Logger logger) {
    AspectLog.use(logger);
  }

  public static void reset() {
    AspectLog.reset();
  }
}
