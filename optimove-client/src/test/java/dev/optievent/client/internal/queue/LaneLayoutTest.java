package dev.optievent.client.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * A lane's producers' fields (credit, tail) and its consumer's (head) each sit on cache lines of
 * their own, away from each other and from the objects the heap puts before and after a lane. Read
 * from the running JVM's layout: HotSpot puts a subclass's small field into a gap a superclass
 * leaves, which once put the tail right after the object header.
 */
class LaneLayoutTest {
  private static final int CACHE_LINE = 64;

  @Test
  void producerAndConsumerFieldsHaveCacheLinesOfTheirOwn() throws Exception {
    long credit = offset("credit");
    long tail = offset("tail");
    long head = offset("head");
    long producersStart = Math.min(credit, tail);
    long producersEnd = Math.max(credit + 8, tail + 4);

    assertThat(producersStart)
        .as("bytes before credit and tail")
        .isGreaterThanOrEqualTo(CACHE_LINE);
    assertThat(head - producersEnd)
        .as("bytes between tail and head")
        .isGreaterThanOrEqualTo(CACHE_LINE);
    assertThat(end() - (head + 4)).as("bytes after head").isGreaterThanOrEqualTo(CACHE_LINE);
  }

  private static long offset(String name) throws Exception {
    return unsafe().objectFieldOffset(field(name));
  }

  private static Field field(String name) {
    for (Class<?> c = Lane.class; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
          return f;
        }
      }
    }
    throw new AssertionError("no field " + name);
  }

  /** Where the last field ends: the object's size, less its alignment. */
  private static long end() throws Exception {
    long end = 0;
    for (Class<?> c = Lane.class; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          long size = f.getType() == long.class || f.getType() == double.class ? 8 : 4;
          end = Math.max(end, unsafe().objectFieldOffset(f) + size);
        }
      }
    }
    return end;
  }

  @SuppressWarnings({"removal", "deprecation"})
  private static sun.misc.Unsafe unsafe() throws Exception {
    Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
    f.setAccessible(true);
    return (sun.misc.Unsafe) f.get(null);
  }
}
