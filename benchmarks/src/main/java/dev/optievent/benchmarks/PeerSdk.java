package dev.optievent.benchmarks;

import com.amplitude.Amplitude;
import com.posthog.java.PostHog;
import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import dev.optievent.aspect.OptimoveContext;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.benchmarks.services.Newsletter;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;

/**
 * One analytics SDK as an application uses it: one event per call (a customer, an event name, an
 * e-mail and a boolean), and the SDK's documented way to shut down. Each is pointed at a loopback
 * endpoint that answers at once as its service would ({@link PeerEndpoint}; Optimove's format at a
 * {@link FakeOptimoveServer}).
 */
interface PeerSdk extends AutoCloseable {
  /** Reports one signup for {@code customer}. */
  void track(String customer, String email, boolean optIn);

  /** The SDK's documented flush and shutdown. */
  @Override
  void close();

  /** Starts {@link #close()} on a daemon thread and returns: for runs that do not measure it. */
  default void closeInBackground() {
    Thread closer = new Thread(this::close, "sdk-closer");
    closer.setDaemon(true);
    closer.start();
  }

  /** The SDKs compared: this library's two paths, then the peers. */
  List<String> NAMES = List.of("optievent", "optievent-woven", "segment", "posthog", "amplitude");

  /** The SDKs compared, by the name a benchmark's {@code @Param} gives. */
  static PeerSdk open(String name, PeerEndpoint peers, URI optimove, int room) {
    return switch (name) {
      case "optievent" -> new OptiEvent(optimove, room);
      case "optievent-woven" -> new Woven(new OptiEvent(optimove, room));
      case "segment" -> new Segment(peers);
      case "posthog" -> new PostHogSdk(peers);
      case "amplitude" -> new AmplitudeSdk(peers);
      default -> throw new IllegalArgumentException("unknown SDK " + name);
    };
  }

  /** The SDKs with their default settings: this library's client as {@code create} makes it. */
  static PeerSdk withDefaults(String name, PeerEndpoint peers, URI optimove) {
    return switch (name) {
      case "optievent" -> new OptiEvent(Fixtures.defaults(optimove).build());
      case "optievent-woven" -> new Woven(new OptiEvent(Fixtures.defaults(optimove).build()));
      default -> open(name, peers, optimove, 0);
    };
  }

  /**
   * This library's client, {@code send(Event)}, with room for every call of an iteration (the
   * peers' queues are unbounded; with the default 10,000 the loop would measure the drop path).
   */
  final class OptiEvent implements PeerSdk {
    final OptimoveClient client;

    OptiEvent(URI endpoint, int room) {
      this(
          Fixtures.defaults(endpoint)
              .queueCapacity(room)
              .maxQueueBytes(Long.MAX_VALUE)
              .shutdownTimeout(java.time.Duration.ofMillis(1))
              .build());
    }

    OptiEvent(dev.optievent.client.OptimoveConfig config) {
      client = OptimoveClient.create(config);
    }

    @Override
    public void track(String customer, String email, boolean optIn) {
      client.send(
          Event.builder("newsletter_signup")
              .customer(customer)
              .param("email", email)
              .param("opt_in", optIn)
              .build());
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /**
   * This library's woven path: {@code @OptimoveEvent} on {@link Newsletter#signUp}, the customer
   * from an {@code OptimoveContext} scope opened for the call (as a request filter would).
   */
  final class Woven implements PeerSdk {
    private final OptiEvent sdk;
    private final Newsletter newsletter = new Newsletter();

    Woven(OptiEvent sdk) {
      this.sdk = sdk;
      OptimoveReporting.connect(sdk.client);
    }

    @Override
    public void track(String customer, String email, boolean optIn) {
      try (OptimoveContext.Scope scope = OptimoveContext.customer(customer)) {
        newsletter.signUp(email, optIn);
      }
    }

    @Override
    public void close() {
      OptimoveReporting.disconnect(sdk.client);
      sdk.close();
    }
  }

  /**
   * Segment's {@code Analytics}: {@code enqueue(TrackMessage)}; {@code flush()}, {@code
   * shutdown()}.
   */
  final class Segment implements PeerSdk {
    final Analytics analytics;

    Segment(PeerEndpoint endpoint) {
      analytics = Analytics.builder("write-key").endpoint(endpoint.httpBase()).build();
    }

    @Override
    public void track(String customer, String email, boolean optIn) {
      analytics.enqueue(
          TrackMessage.builder("newsletter_signup")
              .userId(customer)
              .properties(Map.of("email", email, "opt_in", optIn)));
    }

    @Override
    public void close() {
      analytics.flush();
      analytics.shutdown();
    }
  }

  /** PostHog's {@code PostHog}: {@code capture(id, event, properties)}; {@code shutdown()}. */
  final class PostHogSdk implements PeerSdk {
    final PostHog posthog;

    PostHogSdk(PeerEndpoint endpoint) {
      posthog = new PostHog.Builder("api-key").host(endpoint.httpBase()).build();
    }

    @Override
    public void track(String customer, String email, boolean optIn) {
      posthog.capture(customer, "newsletter_signup", Map.of("email", email, "opt_in", optIn));
    }

    @Override
    public void close() {
      posthog.shutdown();
    }
  }

  /**
   * Amplitude's {@code Amplitude}: {@code logEvent(Event)}; {@code flushEvents()}, {@code
   * shutdown()}. Over TLS: it casts every connection to {@code HttpsURLConnection}.
   */
  final class AmplitudeSdk implements PeerSdk {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    final Amplitude amplitude;

    AmplitudeSdk(PeerEndpoint endpoint) {
      javax.net.ssl.HttpsURLConnection.setDefaultSSLSocketFactory(
          endpoint.clientContext().getSocketFactory());
      amplitude = Amplitude.getInstance("bench-" + INSTANCES.incrementAndGet());
      amplitude.init("api-key");
      amplitude.setServerUrl(endpoint.httpsBase() + "/2/httpapi");
    }

    @Override
    public void track(String customer, String email, boolean optIn) {
      com.amplitude.Event event = new com.amplitude.Event("newsletter_signup", customer);
      event.eventProperties = new JSONObject().put("email", email).put("opt_in", optIn);
      amplitude.logEvent(event);
    }

    @Override
    public void close() {
      amplitude.flushEvents();
      try {
        amplitude.shutdown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
