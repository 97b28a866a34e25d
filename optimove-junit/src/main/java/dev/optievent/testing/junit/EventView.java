package dev.optievent.testing.junit;

import dev.optievent.client.Event;
import dev.optievent.testing.ReceivedEvent;
import java.util.Map;

/**
 * What an expectation is checked against: an event as it goes over the wire, whether the fake
 * received it or the client reported its outcome. Holds the customer or the visitor, never both, as
 * Optimove receives them.
 */
record EventView(String eventKey, String customer, String visitor, Map<String, Object> context) {

  static EventView of(ReceivedEvent e) {
    return new EventView(e.event(), e.customer(), e.visitor(), e.context());
  }

  /** The event as the client would send it: the customer when known, else the visitor. */
  static EventView of(Event e) {
    return new EventView(
        e.eventKey(), e.customerId(), e.customerId() == null ? e.visitorId() : null, e.context());
  }

  /** E.g. {@code newsletter_signup for customer "c-1" {email="ada@example.com", opt_in=true}}. */
  String describe() {
    StringBuilder b = new StringBuilder(eventKey == null ? "(no event key)" : eventKey);
    if (customer != null) {
      b.append(" for customer ").append(Values.quote(customer));
    } else if (visitor != null) {
      b.append(" for visitor ").append(Values.quote(visitor));
    } else {
      b.append(" for no customer or visitor");
    }
    b.append(" {");
    String separator = "";
    for (Map.Entry<String, Object> p : context.entrySet()) {
      b.append(separator).append(p.getKey()).append('=').append(Values.render(p.getValue()));
      separator = ", ";
    }
    return b.append('}').toString();
  }
}
