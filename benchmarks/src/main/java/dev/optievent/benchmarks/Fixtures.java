package dev.optievent.benchmarks;

import dev.optievent.aspect.OptimoveContext;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.benchmarks.services.Newsletter;
import dev.optievent.client.ClientStats;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.micrometer.OptimoveMetrics;
import dev.optievent.testing.FakeOptimoveServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** What the benchmarks share: the endpoint, configs, the weaving check and waiting. */
final class Fixtures {
  /** The tenant every event is sent for. */
  static final long TENANT = 999;

  /** The system property that makes the caller-cost benchmarks bind metrics to their clients. */
  static final String METRICS = "optievent.bench.metrics";

  /**
   * The system property that gives the caller-cost benchmarks' clients a durable spool (issue 14):
   * {@code org.openjdk.jmh.Main CallerCostBenchmark -jvmArgsPrepend -Doptievent.bench.spool=true}.
   */
  static final String SPOOL = "optievent.bench.spool";

  private static final List<Path> SPOOL_DIRS = new CopyOnWriteArrayList<>();

  private Fixtures() {}

  /**
   * Gives the client a spool in a fresh temporary directory if the system property {@value #SPOOL}
   * is {@code true}; {@link #deleteSpools()} removes them.
   */
  static OptimoveConfig.Builder spoolIfAsked(OptimoveConfig.Builder builder) {
    if (!Boolean.getBoolean(SPOOL)) {
      return builder;
    }
    try {
      Path dir = Files.createTempDirectory("optievent-bench-spool");
      SPOOL_DIRS.add(dir);
      return builder.spoolDirectory(dir).spoolMaxBytes(1L << 30);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the spool directories {@link #spoolIfAsked} made (their clients must be closed). */
  static void deleteSpools() {
    for (Path dir : SPOOL_DIRS) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SPOOL_DIRS.remove(dir);
    }
  }

  /**
   * Binds {@link OptimoveMetrics} to {@code client} (in a {@link SimpleMeterRegistry}) if the
   * system property {@value #METRICS} is {@code true}: the caller's cost must be the same with and
   * without.
   */
  static void bindMetricsIfAsked(OptimoveClient client) {
    if (Boolean.getBoolean(METRICS)) {
      new OptimoveMetrics(client).bindTo(new SimpleMeterRegistry());
    }
  }

  /** A fast endpoint that keeps no recordings (long runs must not grow its memory). */
  static FakeOptimoveServer fastServer() {
    return FakeOptimoveServer.builder().expectedTenant(TENANT).recordEvents(false).start();
  }

  /** An endpoint that answers only after {@code delay}. */
  static FakeOptimoveServer slowServer(Duration delay) {
    return FakeOptimoveServer.builder()
        .expectedTenant(TENANT)
        .recordEvents(false)
        .responseDelay(delay)
        .start();
  }

  /** The default settings, pointed at {@code endpoint}. */
  static OptimoveConfig.Builder defaults(URI endpoint) {
    return OptimoveConfig.builder().endpoint(endpoint).tenant(TENANT);
  }

  /**
   * {@code base} for a throw-away client that holds every call of an iteration: room for {@code
   * capacity} events (the byte bound never fills first), and its one request stays in flight
   * against an endpoint that never answers, so the sender stays idle.
   */
  static OptimoveConfig.Builder holdingEveryCall(OptimoveConfig.Builder base, int capacity) {
    return base.queueCapacity(capacity)
        .maxQueueBytes(Long.MAX_VALUE)
        .requestTimeout(Duration.ofHours(1))
        .maxInFlight(1)
        .shutdownTimeout(Duration.ofMillis(1));
  }

  /**
   * Settings against {@code server} whose queue holds every call of one iteration of {@code
   * threads} calling threads (at least two), for the contention benchmarks.
   */
  static OptimoveConfig sharedByThreads(FakeOptimoveServer server, int threads) {
    return holdingEveryCall(
            defaults(server.endpoint()), Math.max(2, threads) * CallerCostBenchmark.CAPACITY)
        .build();
  }

  /**
   * Fails unless {@code Newsletter.signUp} is woven and reports to {@code client}; then, with the
   * same customer scope still open, runs {@code more} (nothing, or filling the queue).
   */
  static void requireNewsletterWoven(OptimoveClient client, Consumer<Newsletter> more) {
    Newsletter n = new Newsletter();
    try (OptimoveContext.Scope s = OptimoveContext.customer("c-1")) {
      requireWoven(
          client,
          "newsletter_signup",
          () -> n.signUp("a@example.com", true),
          () -> n.signUpPlain("a@example.com", true));
      more.accept(n);
    }
  }

  /** A client from {@code config}, bound to the metrics if asked and connected to the aspect. */
  static OptimoveClient connected(OptimoveConfig config) {
    OptimoveClient client = OptimoveClient.create(config);
    bindMetricsIfAsked(client);
    OptimoveReporting.connect(client);
    return client;
  }

  /**
   * A client for the outage benchmarks, connected: every request to {@code server} (which answers
   * after an hour) times out after a second, and close() gives up at once.
   */
  static OptimoveClient outageClient(FakeOptimoveServer server) {
    return connected(
        defaults(server.endpoint())
            .requestTimeout(Duration.ofSeconds(1))
            .shutdownTimeout(Duration.ofMillis(1))
            .build());
  }

  /**
   * Calls {@code call} (a woven method) until the client drops an event as {@code queue_full}, or
   * fails: the outage benchmarks measure the drop path of a full queue.
   */
  static void fillQueue(OptimoveClient client, Runnable call) {
    int capacity = client.config().queueCapacity() + client.config().maxInFlight();
    for (int i = 0; i < 2 * capacity && client.stats().dropped("queue_full") == 0; i++) {
      call.run();
    }
    if (client.stats().dropped("queue_full") == 0) {
      throw new IllegalStateException("the queue did not fill: " + client.stats());
    }
  }

  /** Closes a client from {@link #holdingEveryCall}; fails the run if it lost a single event. */
  static void closeRequiringNoLoss(OptimoveClient client) {
    ClientStats stats = client.stats();
    client.close();
    if (stats.dropped() + stats.rejected() > 0) {
      throw new IllegalStateException("events were dropped or rejected: " + stats);
    }
  }

  /** A representative event, as {@link dev.optievent.benchmarks.services.Newsletter} reports it. */
  static Event event(long i) {
    return Event.builder("newsletter_signup")
        .customer("c-" + (100_000 + i))
        .param("email", "user" + i + "@example.com")
        .param("opt_in", (i & 1) == 0)
        .build();
  }

  /**
   * Fails loudly unless calling {@code woven} once makes the connected client accept exactly one
   * event, and calling {@code plain} makes it accept none: a benchmark of an unwoven method, or of
   * a woven unannotated one, would be worthless.
   */
  static void requireWoven(OptimoveClient client, String what, Runnable woven, Runnable plain) {
    if (OptimoveReporting.connectedClient() != client) {
      throw new IllegalStateException("the aspect is not connected to the benchmark's client");
    }
    long without = OptimoveReporting.eventsWithoutClient();
    long before = client.stats().accepted();
    woven.run();
    long afterWoven = client.stats().accepted();
    plain.run();
    long afterPlain = client.stats().accepted();
    if (afterWoven != before + 1) {
      throw new IllegalStateException(
          what
              + ": calling the @OptimoveEvent method made the client"
              + " accept "
              + (afterWoven - before)
              + " events instead of 1. Is benchmarks/target/classes"
              + " woven? (aspectj-maven-plugin, execution weave-compiled-classes)");
    }
    if (afterPlain != afterWoven) {
      throw new IllegalStateException(
          what
              + ": the method WITHOUT @OptimoveEvent reported an"
              + " event: the pointcut is wider than the annotation");
    }
    if (OptimoveReporting.eventsWithoutClient() != without) {
      throw new IllegalStateException(what + ": an event was reported without a client");
    }
  }

  /**
   * Waits until the client has counted {@code delivered} deliveries, or fails after {@code
   * timeout}.
   */
  static void awaitDelivered(OptimoveClient client, long delivered, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ClientStats s = client.stats();
      if (s.delivered() >= delivered) {
        return;
      }
      if (s.dropped() + s.rejected() > 0) {
        throw new IllegalStateException("events were lost in a throughput run: " + s);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("not delivered within " + timeout + ": " + s);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** Closes quietly. */
  static void close(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Enqueues a burst and waits until the client has counted every event of it delivered.
   *
   * @param client the client
   * @param events the burst
   */
  static void burst(OptimoveClient client, Event[] events) {
    long target = client.stats().delivered() + events.length;
    for (Event e : events) {
      if (!client.send(e)) {
        throw new IllegalStateException("an event was refused: " + client.stats());
      }
    }
    awaitDelivered(client, target, Duration.ofMinutes(2));
  }
}
