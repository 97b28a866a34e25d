package dev.optievent.client.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's context parameters as the aspect captures them: the parameter names of the method (one
 * array per method, shared by all its events) and one array of values per call, a {@code null}
 * value meaning "left out". Read-only, in the order of the names. Two small objects per event
 * instead of a {@code LinkedHashMap} with a table and an entry per parameter, and it can be walked
 * without allocating ({@link #slots()}, {@link #nameAt(int)}, {@link #valueAt(int)}). Internal: not
 * for use outside this library.
 */
public final class ParamMap extends AbstractMap<String, Object> {
  private final String[] names;
  private final Object[] values;
  private final int size;

  /**
   * @param names the parameter names, not copied: never change it afterwards
   * @param values the values by name index, {@code null} for left out; not copied: the caller hands
   *     it over and never writes it again
   */
  public ParamMap(String[] names, Object[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException(names.length + " names, " + values.length + " values");
    }
    this.names = names;
    this.values = values;
    int n = 0;
    for (Object v : values) {
      if (v != null) {
        n++;
      }
    }
    this.size = n;
  }

  /**
   * @return the parameter names, not a copy: never change it
   */
  public String[] sharedNames() {
    return names;
  }

  /**
   * @return the values by name index, not a copy: never change it
   */
  public Object[] sharedValues() {
    return values;
  }

  /**
   * @return the number of slots, present or not
   */
  public int slots() {
    return names.length;
  }

  /**
   * @return the name of slot {@code i}
   */
  public String nameAt(int i) {
    return names[i];
  }

  /**
   * @return the value of slot {@code i}, {@code null} if left out
   */
  public Object valueAt(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Object get(Object key) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null) {
        action.accept(names[i], values[i]);
      }
    }
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next = advance(0);

          private int advance(int from) {
            int i = from;
            while (i < values.length && values[i] == null) {
              i++;
            }
            return i;
          }

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, Object> e = new SimpleImmutableEntry<>(names[next], values[next]);
            next = advance(next + 1);
            return e;
          }
        };
      }
    };
  }
}
