package dev.optievent.aspect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The per-thread flags the advice writes twice per call sit on a cache line of their own, away from
 * whatever objects the heap puts before and after them: a collection may copy two threads'
 * instances side by side. Read from the running JVM's layout, where HotSpot once put the flags into
 * the gap right after the object header.
 */
class ReentryLayoutTest {
  private static final int CACHE_LINE = 64;

  @Test
  void theFlagsHaveACacheLineOfTheirOwn() throws Exception {
    Class<?> reentry = Class.forName(EventReporter.class.getName() + "$Reentry");
    long first = Long.MAX_VALUE;
    long last = 0;
    long end = 0;
    for (Class<?> c = reentry; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        long offset = unsafe().objectFieldOffset(f);
        long fieldEnd = offset + size(f.getType());
        end = Math.max(end, fieldEnd);
        if (!f.getName().matches("[pq]\\d+")) { // the fields proper, not the padding
          first = Math.min(first, offset);
          last = Math.max(last, fieldEnd);
        }
      }
    }

    assertThat(first).as("bytes before the flags").isGreaterThanOrEqualTo(CACHE_LINE);
    assertThat(end - last).as("bytes after the flags").isGreaterThanOrEqualTo(CACHE_LINE);
  }

  private static long size(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    }
    return type == boolean.class || type == byte.class ? 1 : 4;
  }

  @SuppressWarnings({"removal", "deprecation"})
  private static sun.misc.Unsafe unsafe() throws Exception {
    Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
    f.setAccessible(true);
    return (sun.misc.Unsafe) f.get(null);
  }
}
