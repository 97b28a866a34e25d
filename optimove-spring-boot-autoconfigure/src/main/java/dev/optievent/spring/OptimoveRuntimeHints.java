package dev.optievent.spring;

import dev.optievent.annotation.CustomerId;
import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.EventParams;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.annotation.VisitorId;
import dev.optievent.client.OptimoveClient;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What the library itself reflects on, for a native image (registered through {@code
 * META-INF/spring/aot.factories}): the annotations reporting reads, the class the client
 * initialises by name, the Java 21 virtual-thread methods the client looks up when {@code
 * optimove.virtual-threads} is on (it falls back to platform threads without them), and the event
 * catalog the annotation processor writes. What an application's own classes need comes from {@link
 * OptimoveBeanAotProcessor} (proxied beans) and the processor's metadata (woven classes).
 */
class OptimoveRuntimeHints implements RuntimeHintsRegistrar {
  /** The catalog the annotation processor writes into the class output. */
  static final String CATALOG = "META-INF/optimove/events.json";

  @Override
  public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
    for (Class<?> annotation :
        List.of(
            OptimoveEvent.class,
            EventParam.class,
            EventParams.class,
            CustomerId.class,
            VisitorId.class)) {
      hints.reflection().registerType(annotation);
    }
    hints.reflection().registerType(OptimoveClient.class);
    hints
        .reflection()
        .registerType(
            Thread.class, type -> type.withMethod("ofVirtual", List.of(), ExecutableMode.INVOKE))
        .registerType(
            TypeReference.of("java.lang.Thread$Builder$OfVirtual"),
            type -> type.withMethod("factory", List.of(), ExecutableMode.INVOKE))
        .registerType(
            Executors.class,
            type ->
                type.withMethod(
                    "newThreadPerTaskExecutor",
                    List.of(TypeReference.of(ThreadFactory.class)),
                    ExecutableMode.INVOKE));
    hints.resources().registerPattern(CATALOG);
  }
}
