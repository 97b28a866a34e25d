package dev.optievent.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The event tag's values stay bounded whatever keys a client sends. */
class EventKeysTest {

  @Test
  void keysPastTheBoundShareOneTagValueAndKnownKeysKeepTheirs() {
    EventKeys keys = new EventKeys();
    for (int i = 0; i < EventKeys.MAX_KEYS; i++) {
      assertThat(keys.tagValue("event_" + i)).isEqualTo("event_" + i);
    }

    assertThat(keys.tagValue("one_too_many")).isEqualTo(EventKeys.OTHER);
    assertThat(keys.tagValue("event_0")).isEqualTo("event_0");
    assertThat(keys.tagValue(null)).isEqualTo(EventKeys.OTHER);
  }
}
