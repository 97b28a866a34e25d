package dev.optievent.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The aspect's array-backed context behaves as a read-only, ordered map without null values. */
class ParamMapTest {
  private final ParamMap map =
      new ParamMap(
          new String[] {"email", "opt_in", "source", "total"},
          new Object[] {"a@b.io", true, null, 12.5});

  @Test
  void leavesOutNullSlotsAndKeepsTheOrderOfTheNames() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("email", "a@b.io");
    expected.put("opt_in", true);
    expected.put("total", 12.5);

    assertThat(map).hasSize(3).isEqualTo(expected);
    assertThat(map.keySet()).containsExactly("email", "opt_in", "total");
    assertThat(map.containsKey("source")).isFalse();
    assertThat(map.get("total")).isEqualTo(12.5);
    assertThat(new LinkedHashMap<>(map)).isEqualTo(expected);
  }

  @Test
  void isReadOnly() {
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesNamesAndValuesOfDifferentLengths() {
    assertThatThrownBy(() -> new ParamMap(new String[] {"a"}, new Object[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNameItDoesNotHaveHasNoValue() {
    assertThat(map.get("absent")).isNull();
    assertThat(map.containsKey("absent")).isFalse();
  }

  @Test
  void forEachVisitsOnlyTheSetSlotsInOrder() {
    Map<String, Object> seen = new LinkedHashMap<>();

    map.forEach(seen::put);

    assertThat(seen)
        .containsExactly(
            Map.entry("email", "a@b.io"), Map.entry("opt_in", true), Map.entry("total", 12.5));
  }

  @Test
  void itsEntriesAreCountedWithoutTheEmptySlotsAndEndWhereTheyEnd() {
    ParamMap trailingEmpty = new ParamMap(new String[] {"a", "b"}, new Object[] {1, null});
    java.util.Iterator<Map.Entry<String, Object>> it = trailingEmpty.entrySet().iterator();

    assertThat(map.entrySet()).hasSize(3);
    assertThat(trailingEmpty.entrySet().size()).isEqualTo(1);
    assertThat(it.next()).isEqualTo(Map.entry("a", 1));
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
  }
}
