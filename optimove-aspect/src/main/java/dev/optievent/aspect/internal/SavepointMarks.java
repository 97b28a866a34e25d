package dev.optievent.aspect.internal;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How many events a transaction held when each of its savepoints was made, for the holds that must
 * forget the events of a nested transaction rolled back to its savepoint. Used by one thread at a
 * time, as its transaction is. Internal.
 */
public final class SavepointMarks {
  private Map<Object, Integer> marks;

  /**
   * Notes that {@code savepoint} was made when {@code held} events were held.
   *
   * @param savepoint the savepoint, as the transaction manager gives it
   * @param held how many events were held then
   */
  public void mark(Object savepoint, int held) {
    if (marks == null) {
      marks = new IdentityHashMap<>(4); // made at the first savepoint: most transactions have none
    }
    marks.put(savepoint, held);
  }

  /**
   * The first event the rollback to {@code savepoint} undoes. A savepoint made before the hold saw
   * the transaction is not known here: every event held so far came after it.
   *
   * @param savepoint the savepoint rolled back to
   * @return the index of the first event to forget
   */
  public int rollbackFrom(Object savepoint) {
    Integer mark = marks == null ? null : marks.remove(savepoint);
    return mark == null ? 0 : mark;
  }
}
