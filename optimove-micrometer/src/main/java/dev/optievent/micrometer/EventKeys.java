package dev.optievent.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code event} tag's values: the event key, for the first {@link #MAX_KEYS} distinct keys, and
 * {@link #OTHER} for any later one, so that a client sending unbounded keys (no catalog, keys built
 * from data) cannot grow the registry without bound.
 */
final class EventKeys {
  /** Most distinct event keys used as tag values. */
  static final int MAX_KEYS = 1_000;

  /** The tag value of every key past the first {@link #MAX_KEYS}. */
  static final String OTHER = "other";

  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /**
   * @param eventKey an event's key
   * @return the tag value for it
   */
  String tagValue(String eventKey) {
    if (eventKey == null) {
      return OTHER;
    }
    if (known.contains(eventKey)) {
      return eventKey;
    }
    // A race may let a few keys past the bound; it stays bounded all the same.
    if (known.size() < MAX_KEYS && known.add(eventKey)) {
      return eventKey;
    }
    return known.contains(eventKey) ? eventKey : OTHER;
  }
}
