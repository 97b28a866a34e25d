package dev.optievent.spring;

import dev.optievent.client.OptimoveConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or invalid {@code optimove.*} property into Boot's start-up failure report: what
 * is wrong, the property to set and an example.
 */
final class OptimoveConfigFailureAnalyzer extends AbstractFailureAnalyzer<OptimoveConfigException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, OptimoveConfigException cause) {
    String property = cause.propertyName().orElse(null);
    String description = "Optimove reporting could not start: " + cause.getMessage();
    String action;
    if (property == null) {
      action =
          "Fix the Optimove settings (see the optimove.* properties in docs/configuration.md and docs/spring-boot.md).";
    } else {
      action =
          "Set "
              + property
              + " in your application's configuration, for example in application.properties:\n\n"
              + "    "
              + example(property)
              + "\n\nor turn Optimove reporting off with optimove.enabled=false.";
    }
    return new FailureAnalysis(description, action, cause);
  }

  private static String example(String property) {
    switch (property) {
      case "optimove.endpoint":
        return "optimove.endpoint=https://your-endpoint.example/events"
            + "   (the URL Optimove gave you)";
      case "optimove.tenant":
        return "optimove.tenant=12345   (the tenant ID Optimove gave you)";
      case "optimove.max-queue-bytes":
        return property + "=64MiB";
      case "optimove.overflow-policy":
        return property + "=DROP_NEWEST";
      default:
        return property.endsWith("timeout")
                || property.endsWith("delay")
                || property.endsWith("cap")
                || property.endsWith("age")
            ? property + "=5s"
            : property + "=<value>";
    }
  }
}
