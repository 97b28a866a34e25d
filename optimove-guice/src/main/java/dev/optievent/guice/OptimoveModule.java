package dev.optievent.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds an {@link OptimoveClient} singleton built from an {@link OptimoveConfig} and, when the
 * injector is created, connects the woven {@code @OptimoveEvent} aspect to it.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     new OptimoveModule(OptimoveConfig.fromEnvironment()),
 *     new AbstractModule() {
 *       protected void configure() {
 *         bind(CustomerIdResolver.class).to(SessionCustomerIdResolver.class); // optional
 *       }
 *     });
 * }</pre>
 *
 * <p>Optional bindings it uses when present: {@link CustomerIdResolver} (asked for the customer
 * when an annotated method has no {@code @CustomerId} argument and no {@link
 * dev.optievent.aspect.OptimoveContext} scope is open) and {@link DeliveryListener} (hears each
 * event's outcome; it replaces a listener set in the config). Close the client ({@code
 * injector.getInstance(OptimoveClient.class).close()}) when the application stops, or enable the
 * config's shutdown hook. The module only binds: all logic lives in the client.
 */
public final class OptimoveModule extends AbstractModule {
  private final OptimoveConfig config;

  /**
   * @param config the client's settings
   */
  public OptimoveModule(OptimoveConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), CustomerIdResolver.class);
    OptionalBinder.newOptionalBinder(binder(), DeliveryListener.class);
    bind(AspectConnection.class).asEagerSingleton();
  }

  @Provides
  @Singleton
  OptimoveClient optimoveClient(Optional<DeliveryListener> listener) {
    OptimoveConfig effective =
        listener.isPresent() ? config.toBuilder().deliveryListener(listener.get()).build() : config;
    return OptimoveClient.create(effective);
  }
}
