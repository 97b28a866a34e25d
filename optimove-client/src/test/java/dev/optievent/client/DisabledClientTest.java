package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.internal.ClientAccess;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link OptimoveClient#disabled()}: it takes every event and discards it, counted as dropped
 * {@code disabled}, whichever way the event comes in, and runs nothing (no thread, no HTTP client).
 */
class DisabledClientTest {
  private static final Event SIGNUP =
      Event.builder("newsletter_signup").customer("c-1").param("opt_in", true).build();

  @Test
  void discardsAndCountsEveryEvent() {
    try (OptimoveClient client = OptimoveClient.disabled()) {
      assertThat(client.isDisabled()).isTrue();
      assertThat(client.send(SIGNUP)).isFalse();
      assertThat(
              ClientAccess.get()
                  .sendNow(
                      client, "purchase", "c-2", null, new String[] {"amount"}, new Object[] {12}))
          .isFalse();
      ClientAccess.get().dropped(client, SIGNUP, Reasons.INVALID_ANNOTATION, null);

      ClientStats stats = client.stats();
      assertThat(stats.accepted()).isEqualTo(3);
      assertThat(stats.dropped()).isEqualTo(3);
      assertThat(stats.pending()).isZero();
      assertThat(stats.droppedByReason())
          .isEqualTo(Map.of(Reasons.DISABLED, 2L, Reasons.INVALID_ANNOTATION, 1L));
    }
  }

  @Test
  void startsNoThreadAndNoHttpClient() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    OptimoveClient client = OptimoveClient.disabled();
    for (int i = 0; i < 100; i++) {
      client.send(SIGNUP);
    }
    Set<String> started =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t))
            .map(Thread::getName)
            .filter(n -> n.startsWith("optimove-") || n.startsWith("HttpClient"))
            .collect(Collectors.toSet());
    assertThat(started).isEmpty();
    assertThat(client.requestThreads()).isEmpty();
    client.close();
  }

  @Test
  void flushesAtOnceAndClosesQuietly() {
    OptimoveClient client = OptimoveClient.disabled();
    client.send(SIGNUP);
    assertThat(client.isClosed()).isFalse();
    assertThat(client.flush(Duration.ZERO)).isTrue();

    client.close();
    client.close(); // idempotent

    assertThat(client.isClosed()).isTrue();
    assertThat(client.send(SIGNUP)).isFalse();
    assertThat(client.stats().droppedByReason()).isEqualTo(Map.of(Reasons.DISABLED, 2L));
  }

  @Test
  void itsSettingsArePlaceholdersThatNeverResolve() {
    try (OptimoveClient client = OptimoveClient.disabled()) {
      assertThat(client.config().endpoint().getHost()).endsWith(".invalid");
      assertThat(client.config().shutdownHook()).isFalse();
    }
  }

  @Test
  void anOrdinaryClientIsNotDisabled() {
    try (OptimoveClient client =
        OptimoveClient.create(
            OptimoveConfig.builder()
                .endpoint("https://example.invalid/")
                .tenant(7)
                .shutdownHook(false)
                .build())) {
      assertThat(client.isDisabled()).isFalse();
    }
  }
}
