package dev.optievent.client.internal.validation;

import dev.optievent.client.Event;
import dev.optievent.client.OptimoveConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the chain of checks an {@link dev.optievent.client.OptimoveClient} runs on the calling
 * thread before it queues an event: identity, then the catalog (which may leave parameters out),
 * then the vendor's limits. The first check that does not send decides. Internal.
 */
public final class Validators {

  private Validators() {}

  /**
   * @param config the client's settings (limits, catalog)
   * @return the validator for that config
   * @throws dev.optievent.client.OptimoveConfigException if the catalog file is malformed
   */
  public static EventValidator forConfig(OptimoveConfig config) {
    List<EventValidator> chain = new ArrayList<>();
    chain.add(new IdentityRule());
    config.catalog().ifPresent(file -> chain.add(new CatalogRule(EventCatalog.load(file))));
    chain.add(new EventRules(config.maxParameters(), config.maxTextLength()));
    EventValidator[] rules = chain.toArray(new EventValidator[0]);
    return event -> check(rules, event);
  }

  private static ValidationResult check(EventValidator[] rules, Event event) {
    Event current = event;
    for (EventValidator rule : rules) {
      ValidationResult r = rule.check(current);
      if (r.outcome() != ValidationResult.Outcome.SEND) {
        return r;
      }
      if (r.event() != null) {
        current = r.event();
      }
    }
    return current == event ? ValidationResult.unchanged() : ValidationResult.send(current);
  }
}
