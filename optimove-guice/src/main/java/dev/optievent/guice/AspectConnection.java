package dev.optievent.guice;

import com.google.inject.Inject;
import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import java.util.Optional;

/** Created eagerly with the injector: connects the aspect to the bound client. */
final class AspectConnection {

  @Inject
  AspectConnection(OptimoveClient client, Optional<CustomerIdResolver> resolver) {
    OptimoveReporting.connect(client, resolver.orElse(null));
  }
}
