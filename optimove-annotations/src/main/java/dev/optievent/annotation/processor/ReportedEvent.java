package dev.optievent.annotation.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * What one {@code @OptimoveEvent} method reports, as checked at compile time.
 *
 * @param name the event key
 * @param source {@code binary.ClassName#method}, for the catalog's {@code sources}
 * @param where the method as named in messages
 * @param method the method
 * @param mirror its {@code @OptimoveEvent}
 * @param params the parameters it reports, arguments first, then the return value's
 * @param reads the accessors its paths read at run time (for a native image's metadata)
 */
record ReportedEvent(
    String name,
    String source,
    String where,
    ExecutableElement method,
    AnnotationMirror mirror,
    List<Param> params,
    List<ValueTypes.ReadMember> reads) {

  /**
   * One reported parameter.
   *
   * @param name the parameter name
   * @param kind text, number, boolean or dynamic (per value)
   * @param alwaysPresent whether every call yields a value for it
   * @param origin where the value comes from, for messages
   * @param element the annotated argument or method
   * @param mirror the {@code @EventParam}
   */
  record Param(
      String name,
      ValueTypes.Kind kind,
      boolean alwaysPresent,
      String origin,
      Element element,
      AnnotationMirror mirror) {}
}
