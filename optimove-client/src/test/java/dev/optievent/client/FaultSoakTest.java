package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.assertBalanced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import dev.optievent.testing.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Thousands of events through an endpoint that answers with every fault it knows, at random
 * (stalled and dripping bodies, oversized answers and Retry-After of zero or in the past included),
 * and through three outages in which every request fails for longer than eight attempts take: every
 * event settles in time, the books balance in every snapshot, every delivered event reached the
 * endpoint, and no thread is left behind. The seed is printed; {@code -Dsoak.seed=N} replays a run,
 * {@code -Dsoak.events=N} makes it longer ({@code mvn -Psoak} does).
 */
class FaultSoakTest {
  private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
  private static final Duration MAX_EVENT_AGE = Duration.ofSeconds(6);

  /** Requests of each scripted outage: every one fails. */
  private static final int OUTAGE_REQUESTS = 60;

  @Test
  void everyEventSettlesAndTheBooksBalanceWhateverTheEndpointDoes() {
    long seed = Long.getLong("soak.seed", System.nanoTime());
    int events = Integer.getInteger("soak.events", 3_000);
    System.out.println("FaultSoakTest: seed " + seed + ", " + events + " events");
    Random random = new Random(seed);

    Set<Long> delivered = ConcurrentHashMap.newKeySet();
    DeliveryListener listener =
        new DeliveryListener() {
          @Override
          public void onDelivered(Event event, String messageId) {
            delivered.add(((Number) event.context().get("seq")).longValue());
          }
        };
    try (FakeOptimoveServer server = DeliveryFixture.server()) {
      server.script(randomFaults(random, events * 2));
      OptimoveClient client =
          OptimoveClient.create(
              DeliveryFixture.config(server)
                  .requestTimeout(REQUEST_TIMEOUT)
                  .maxEventAge(MAX_EVENT_AGE)
                  .retryBaseDelay(Duration.ofMillis(5))
                  .retryMaxDelay(Duration.ofMillis(200))
                  .retryAfterCap(Duration.ofMillis(300))
                  .maxAttempts(8)
                  .queueCapacity(1_000)
                  .maxInFlight(16)
                  .deliveryListener(listener)
                  .shutdownTimeout(Duration.ofSeconds(2))
                  .build());
      try {
        for (int i = 0; i < events; i++) {
          client.send(
              Event.builder("soak")
                  .customer("c-" + random.nextInt(1_000))
                  .param("seq", i)
                  .param("note", random.nextInt(10) == 0 ? "x".repeat(300) : "ok")
                  .build());
          if (i % 50 == 0) {
            assertBalanced(client.stats());
          }
          if (i % 500 == 499) {
            // Paced by the endpoint, so that most events go through the faults rather than
            // being dropped at a full queue.
            await().atMost(Duration.ofSeconds(30)).until(() -> client.stats().pending() < 500);
          }
        }
        // Every event settles within its age limit plus one request deadline (and a margin for
        // a loaded machine's scheduling).
        assertThat(client.flush(MAX_EVENT_AGE.plus(REQUEST_TIMEOUT).plusSeconds(5)))
            .as("flush within maxEventAge + requestTimeout (seed %d): %s", seed, client.stats())
            .isTrue();
        ClientStats stats = assertBalanced(client.stats());
        System.out.println("FaultSoakTest: " + stats);
        assertThat(stats.pending()).isZero();
        assertThat(stats.accepted()).isEqualTo(events);
        assertThat(stats.delivered()).isPositive();
        assertThat(stats.rejected("value_too_long")).isPositive();

        Set<Long> reached = requestedSeqs(server.requests());
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> delivered.size() + client.skippedNotifications() >= stats.delivered());
        assertThat(reached).as("every delivered event reached the endpoint").containsAll(delivered);
      } finally {
        client.close();
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> clientThreads().isEmpty());
    }
  }

  /** A random mix of every fault the fake knows, with normal answers in between. */
  private static Fault[] randomFaults(Random random, int count) {
    String past = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
    List<IntFunction<Fault>> kinds =
        List.of(
            n -> Fault.status(200),
            n -> Fault.status(503),
            n -> Fault.status(500),
            n -> Fault.status(408),
            n -> Fault.status(429, "0"),
            n -> Fault.status(429, past),
            n -> Fault.status(503, "1"),
            n -> Fault.status(400),
            n -> Fault.disconnect(),
            n -> Fault.malformedBody(200, "not json"),
            n -> Fault.malformedBody(502, "<html>bad gateway</html>"),
            n -> Fault.errorStatus("event is not configured"),
            n -> Fault.retryAfterSeconds(429, 0),
            n -> Fault.retryAfterDate(503, Instant.now().minusSeconds(3_600)),
            n -> Fault.stallAfterHeaders(Duration.ofSeconds(2)),
            n -> Fault.stallBody(10, Duration.ofSeconds(2)),
            n -> Fault.slowBody(Duration.ofMillis(1 + random.nextInt(10))),
            n -> Fault.oversizedBody(200, 1_000_000),
            n -> Fault.oversizedBody(503, 200_000),
            n ->
                Fault.delay(
                    Duration.ofMillis(random.nextInt(REQUEST_TIMEOUT.toMillisPart() + 200))));
    Fault[] faults = new Fault[count];
    for (int i = 0; i < count; i++) {
      // About half the answers are normal, so that delivery makes progress.
      faults[i] =
          random.nextBoolean()
              ? Fault.status(200)
              : kinds.get(random.nextInt(kinds.size())).apply(i);
    }
    // Three outages, each longer than the old retry budget (8 attempts): every request fails,
    // refused or 5xx, until the block is used up; the circuit's probes use it up in seconds.
    for (int block = 1; block <= 3; block++) {
      int from = count * block / 4;
      for (int i = from; i < Math.min(count, from + OUTAGE_REQUESTS); i++) {
        faults[i] = random.nextBoolean() ? Fault.disconnect() : Fault.status(503);
      }
    }
    return faults;
  }

  private static Set<Long> requestedSeqs(List<RecordedRequest> requests) {
    Set<Long> seqs = new java.util.HashSet<>();
    for (RecordedRequest r : requests) {
      Matcher m = SEQ.matcher(r.body() == null ? "" : r.body());
      if (m.find()) {
        seqs.add(Long.parseLong(m.group(1)));
      }
    }
    return seqs;
  }

  private static Set<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("optimove-") && t.isAlive())
        .collect(Collectors.toSet());
  }
}
