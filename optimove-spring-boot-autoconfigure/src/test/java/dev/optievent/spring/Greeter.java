package dev.optievent.spring;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;

/** An interface whose implementation carries the annotation: proxied by a JDK proxy when asked. */
public interface Greeter {

  /**
   * Greets someone.
   *
   * @param name who
   */
  void greet(String name);

  /** The implementation, annotated as the woven pointcut needs it. */
  class Impl implements Greeter {
    @Override
    @OptimoveEvent(name = "greeted")
    public void greet(@EventParam("name") String name) {}
  }
}
