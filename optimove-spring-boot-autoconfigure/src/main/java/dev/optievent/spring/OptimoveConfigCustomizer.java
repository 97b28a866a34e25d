package dev.optievent.spring;

import dev.optievent.client.OptimoveConfig;

/**
 * Changes the client's settings where properties cannot: declare beans of this type and each is
 * applied, in {@link org.springframework.core.Ordered order}, to a builder that holds the {@code
 * optimove.*} properties already.
 *
 * <pre>{@code
 * @Bean
 * OptimoveConfigCustomizer optimoveCatalog() {
 *   return builder -> builder.catalog(Path.of("/etc/app/optimove-catalog.json"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface OptimoveConfigCustomizer {

  /**
   * Adjusts the settings before the client is built (and they are checked).
   *
   * @param builder the settings read from the properties
   */
  void customize(OptimoveConfig.Builder builder);
}
