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
    return new Chain(chain.toArray(new EventValidator[0]));
  }

  /** The rules in order: the first that does not send decides. */
  private static final class Chain implements EventValidator {
    private final EventValidator[] rules;

    Chain(EventValidator[] rules) {
      this.rules = rules;
    }

    @Override
    public ValidationResult check(Event event) {
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

    @Override
    public boolean passesUnchanged(
        String eventKey, String customerId, String visitorId, String[] names, Object[] values) {
      for (EventValidator rule : rules) {
        if (!rule.passesUnchanged(eventKey, customerId, visitorId, names, values)) {
          return false;
        }
      }
      return true;
    }
  }
}
