package dev.optievent.micrometer;

import dev.optievent.client.OptimoveClient;
import dev.optievent.client.internal.ClientAccess;
import dev.optievent.client.internal.ClientCounters;
import dev.optievent.client.internal.DeliveryObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Binds an {@link OptimoveClient}'s metrics to a Micrometer {@link MeterRegistry}:
 *
 * <pre>{@code
 * new OptimoveMetrics(client).bindTo(registry);
 * new OptimoveMetrics(client, Tags.of("client", "billing")).withEventTag(true).bindTo(registry);
 * }</pre>
 *
 * <ul>
 *   <li>{@code optimove.events}: events by {@code outcome} (accepted, delivered, rejected, dropped)
 *       and {@code reason}, a function counter;
 *   <li>{@code optimove.events.pending}, {@code optimove.queue.size}, {@code
 *       optimove.queue.capacity}, {@code optimove.requests.active}: gauges;
 *   <li>{@code optimove.retries}: retry attempts, a function counter;
 *   <li>{@code optimove.requests}: a timer per HTTP exchange, by {@code status} and {@code
 *       outcome};
 *   <li>{@code optimove.delivery.latency}: a timer from acceptance to a settled outcome, by {@code
 *       outcome}.
 * </ul>
 *
 * <p>The counters read the client's own accounting, the counters {@link OptimoveClient#stats()}
 * sums, so the two never disagree; a {@code reason} appears when the client first counts it. The
 * timers are fed by the client's delivery threads, never by a thread that calls {@code send()}:
 * binding adds no work to that thread. The metrics guide, docs/metrics.md, describes every meter.
 *
 * <p>Every meter carries the extra tags given here. To bind two clients to one registry, give each
 * a tag that tells them apart: meters with the same name and tags are one meter, and the second
 * client's would not be registered. Binding the same registry twice does nothing more. Thread-safe.
 */
public final class OptimoveMetrics implements MeterBinder {
  private final OptimoveClient client;
  private final Tags tags;
  private final boolean eventTag;
  private final ClientCounters counters;
  private final EventKeys eventKeys = new EventKeys();
  private final Object lock = new Object();

  /** Replaced whole under the lock; read without it by the observer (an array: no iterator). */
  private volatile Binding[] bindings = new Binding[0];

  private boolean observing; // guarded by lock

  /**
   * Metrics of {@code client}, without extra tags.
   *
   * @param client the client
   */
  public OptimoveMetrics(OptimoveClient client) {
    this(client, Tags.empty());
  }

  /**
   * Metrics of {@code client}, each meter carrying {@code tags} too.
   *
   * @param client the client
   * @param tags extra tags for every meter, e.g. {@code Tags.of("client", "billing")}
   */
  public OptimoveMetrics(OptimoveClient client, Iterable<Tag> tags) {
    this(client, Tags.of(Objects.requireNonNull(tags, "tags")), false);
  }

  private OptimoveMetrics(OptimoveClient client, Tags tags, boolean eventTag) {
    this.client = Objects.requireNonNull(client, "client");
    this.tags = tags;
    this.eventTag = eventTag;
    this.counters = ClientAccess.get().counters(client);
  }

  /**
   * The same metrics, with or without an {@code event} tag (the event key) on the two timers,
   * {@code optimove.requests} and {@code optimove.delivery.latency}. Off by default. The counters
   * never carry it: they read the client's accounting, which counts by outcome and reason only. The
   * number of tag values is that of the event keys sent (the catalog agreed with Optimove); past
   * 1,000 distinct keys, the others are tagged {@code other}.
   *
   * @param on whether to add the tag
   * @return a new binder, not bound yet
   */
  public OptimoveMetrics withEventTag(boolean on) {
    return new OptimoveMetrics(client, tags, on);
  }

  /**
   * Registers the meters with {@code registry}, and from now on records the client's exchanges and
   * settled events in it. A second call with the same registry does nothing.
   *
   * @param registry the registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (lock) {
      for (Binding b : bindings) {
        if (b.registry() == registry) {
          return;
        }
      }
      Binding binding = new Binding(registry, tags, counters, eventTag ? eventKeys : null);
      binding.registerFixedMeters();
      Binding[] more = Arrays.copyOf(bindings, bindings.length + 1);
      more[bindings.length] = binding;
      bindings = more;
      if (!observing) {
        ClientAccess.get().observe(client, new Observer());
        observing = true;
      }
      // After the binding is visible to the observer: a reason counted first meanwhile is either
      // heard by the observer or already listed here (registering it twice is harmless).
      for (String reason : counters.rejectedReasons()) {
        binding.reasonAppeared(DeliveryObserver.Outcome.REJECTED, reason);
      }
      for (String reason : counters.droppedReasons()) {
        binding.reasonAppeared(DeliveryObserver.Outcome.DROPPED, reason);
      }
    }
  }

  /**
   * Hands what the client reports to every binding. Runs on the client's delivery threads (and, for
   * a reason's first count, on whichever thread counted it), so it allocates nothing per call. A
   * binding whose registry throws does not keep the others from recording; the first exception is
   * thrown on for the client to log.
   */
  private final class Observer implements DeliveryObserver {
    @Override
    public void reasonAppeared(Outcome outcome, String reason) {
      RuntimeException failure = null;
      for (Binding b : bindings) {
        try {
          b.reasonAppeared(outcome, reason);
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
      throwIfAny(failure);
    }

    @Override
    public void exchange(int status, boolean timedOut, String eventKey, long nanos) {
      RuntimeException failure = null;
      for (Binding b : bindings) {
        try {
          b.exchange(status, timedOut, eventKey, nanos);
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
      throwIfAny(failure);
    }

    @Override
    public void settled(Outcome outcome, String reason, String eventKey, long nanosSinceAccepted) {
      RuntimeException failure = null;
      for (Binding b : bindings) {
        try {
          b.settled(outcome, eventKey, nanosSinceAccepted);
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
      throwIfAny(failure);
    }

    private void throwIfAny(RuntimeException failure) {
      if (failure != null) {
        throw failure;
      }
    }
  }
}
