package dev.optievent.testing.junit;

import dev.optievent.client.ClientStats;
import dev.optievent.client.DeliveryListener;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.client.OptimoveConfig;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import dev.optievent.testing.ReceivedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension for tests of code that reports Optimove events: it starts a {@link
 * FakeOptimoveServer}, creates an {@link OptimoveClient} pointed at it, connects the woven aspect
 * to that client (when optimove-aspect is on the class path), and resets all of it between tests.
 * {@link OptimoveAssertions} then checks what arrived and how the client ended each event.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OptimoveExtension optimove = OptimoveExtension.builder().generatedCatalog().build();
 *
 * @Test
 * void signingUpReportsTheEmail() {
 *   new NewsletterService().signUp("c-1", "ada@example.com", true);
 *
 *   assertThat(optimove)
 *       .hasReceivedOnce(event("newsletter_signup").forCustomer("c-1").with("email", "ada@example.com"));
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Registered on a {@code static} field (or with {@code @ExtendWith}), one fake
 * and one client serve all the tests of the class (nested classes included) and are closed after
 * the last one. Registered on an instance field, or built with {@link Builder#perTest()}, every
 * test gets a fresh fake and client. Either way, before each test the fake forgets what it received
 * and its scripted faults ({@link Builder#script(Fault...)} queues the builder's again), the
 * captured outcomes are cleared, the client's counts are taken as the test's zero, and the aspect
 * is connected to the client. After each test the client is given {@link
 * Builder#assertionTimeout(Duration) the assertion timeout} to settle its events; one that did not
 * settle, was closed by the test, or was {@linkplain #reconfigure(UnaryOperator) reconfigured} is
 * replaced by a fresh one, so that nothing of a test reaches the next.
 *
 * <p><b>Parameters.</b> Test and {@code @BeforeEach} methods can take a {@link FakeOptimoveServer},
 * an {@link OptimoveClient} or this {@code OptimoveExtension} as parameters (the last for {@link
 * OptimoveAssertions#assertThat(OptimoveExtension)} with {@code @ExtendWith}). Take the client
 * afresh in each test: it may be replaced between tests.
 *
 * <p><b>The client's settings</b> are tuned for tests: retries after 10 ms, backing off to at most
 * 100 ms, and {@code close()} giving up after 2 s. The {@link Builder} changes them for the class;
 * {@link #reconfigure(UnaryOperator)} for one test. The extension installs its own {@link
 * dev.optievent.client.DeliveryListener} to capture outcomes; a listener given in the settings
 * still hears every outcome, after it.
 *
 * <p>The aspect reports to one client per JVM, so tests that use this extension must not run in
 * parallel with each other. Failure messages show the customer IDs and values the fake received, in
 * clear: they are test data.
 */
public final class OptimoveExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  /** The tenant of the client and of the fake, unless {@link Builder#tenant(long)} says another. */
  public static final long DEFAULT_TENANT = 1;

  /** How long assertions wait, unless {@link Builder#assertionTimeout(Duration)} says otherwise. */
  public static final Duration DEFAULT_ASSERTION_TIMEOUT = Duration.ofSeconds(5);

  private static final boolean ASPECT_PRESENT = aspectPresent();

  private final long tenant;
  private final Path catalog;
  private final boolean generatedCatalog;
  private final List<Fault> script;
  private final UnaryOperator<OptimoveConfig.Builder> settings;
  private final Duration assertionTimeout;
  private final boolean perTest;
  private final boolean connectAspect;

  // Set and read by JUnit's thread and the test's, one and the same: tests using the extension do
  // not run in parallel (see the class comment). Volatile for the odd assertion made elsewhere.
  private volatile FakeOptimoveServer server;
  private volatile OptimoveClient client;
  private volatile OutcomeRecorder recorder;
  private volatile ClientStats baseline;
  private volatile long skippedBaseline;
  private volatile boolean reconfigured;
  private volatile String startedBy;
  private volatile Path catalogFile;

  /**
   * The extension with default settings, as {@code @ExtendWith(OptimoveExtension.class)} makes it.
   */
  public OptimoveExtension() {
    this(new Builder());
  }

  private OptimoveExtension(Builder b) {
    this.tenant = b.tenant;
    this.catalog = b.catalog;
    this.generatedCatalog = b.generatedCatalog;
    this.script = List.copyOf(b.script);
    this.settings = b.settings;
    this.assertionTimeout = b.assertionTimeout;
    this.perTest = b.perTest;
    this.connectAspect = b.connectAspect;
  }

  /**
   * Starts the settings of an extension for {@code @RegisterExtension}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The fake endpoint the client reports to.
   *
   * @return the running fake
   * @throws IllegalStateException before the extension started it or after it closed it
   */
  public FakeOptimoveServer server() {
    FakeOptimoveServer s = server;
    if (s == null) {
      throw notStarted();
    }
    return s;
  }

  /**
   * The client pointed at the fake, and connected to the aspect. It may be replaced between tests
   * (see the class comment): take it afresh in each test.
   *
   * @return the current client
   * @throws IllegalStateException before the extension started it or after it closed it
   */
  public OptimoveClient client() {
    OptimoveClient c = client;
    if (c == null) {
      throw notStarted();
    }
    return c;
  }

  /**
   * The events the fake accepted in this test, in order of arrival; does not wait (the assertions
   * do).
   *
   * @return a snapshot
   */
  public List<ReceivedEvent> receivedEvents() {
    return server().acceptedEvents();
  }

  /**
   * The outcomes the client reported in this test, in the order its listener heard them; does not
   * wait (the assertions do).
   *
   * @return a snapshot
   */
  public List<Outcome> outcomes() {
    client();
    return recorder.snapshot();
  }

  /**
   * Points an application's own client at this extension's fake, for frameworks that build the
   * client themselves (the Spring Boot starter): hands {@code optimove.endpoint}, {@code
   * optimove.tenant} and a short {@code optimove.shutdown-timeout} to {@code registry}, each as a
   * supplier read when the application asks. In a Spring test, with the extension in a static field
   * and {@link Builder#connectAspect(boolean) connectAspect(false)} (the application connects its
   * own client):
   *
   * <pre>{@code
   * @DynamicPropertySource
   * static void optimove(DynamicPropertyRegistry registry) {
   *   optimove.applicationProperties(registry::add);
   * }
   * }</pre>
   *
   * <p>The assertions on what the fake received then check what the application sent. For the
   * assertions on outcomes, give the application {@link #applicationListener()} as a listener too.
   *
   * @param registry takes a property name and a supplier of its value
   */
  public void applicationProperties(BiConsumer<String, Supplier<Object>> registry) {
    registry.accept("optimove.endpoint", () -> server().endpoint().toString());
    registry.accept("optimove.tenant", () -> tenant);
    registry.accept("optimove.shutdown-timeout", () -> "2s");
  }

  /**
   * A listener that records the outcomes of an application's own client (see {@link
   * #applicationProperties}) for {@link #outcomes()} and the outcome assertions, as the extension's
   * own client's are; with the Spring Boot starter, make it a {@code DeliveryListener} bean. It
   * records into whatever test is current.
   *
   * @return the listener
   */
  public DeliveryListener applicationListener() {
    return new DeliveryListener() {
      @Override
      public void onDelivered(Event event, String messageId) {
        OutcomeRecorder r = recorder;
        if (r != null) {
          r.onDelivered(event, messageId);
        }
      }

      @Override
      public void onRejected(Event event, String reason, String message) {
        OutcomeRecorder r = recorder;
        if (r != null) {
          r.onRejected(event, reason, message);
        }
      }

      @Override
      public void onDropped(Event event, String reason) {
        OutcomeRecorder r = recorder;
        if (r != null) {
          r.onDropped(event, reason);
        }
      }
    };
  }

  /**
   * How long assertions wait for what they expect.
   *
   * @return the timeout from the builder, {@link #DEFAULT_ASSERTION_TIMEOUT} by default
   */
  public Duration assertionTimeout() {
    return assertionTimeout;
  }

  /**
   * Replaces the client, for the current test only, with one whose settings are the class's changed
   * by {@code change}, and connects the aspect to it. The client it replaces is closed first
   * (delivering what it holds); the next test gets a client with the class's settings again.
   *
   * <pre>{@code
   * optimove.reconfigure(b -> b.requestTimeout(Duration.ofMillis(200)).maxAttempts(1));
   * }</pre>
   *
   * @param change applied to a builder holding the class's settings
   * @return the new client
   * @throws IllegalStateException before the extension started
   */
  public OptimoveClient reconfigure(UnaryOperator<OptimoveConfig.Builder> change) {
    Objects.requireNonNull(change, "change");
    client();
    closeClient();
    client = newClient(change);
    reconfigured = true;
    return client;
  }

  /**
   * Starts the fake and the client for the class, unless they are started per test.
   *
   * @param context the class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (!perTest && server == null) {
      start(context);
    }
  }

  /**
   * Starts the fake and the client if not started yet (per test), then resets them for the test.
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (server == null) {
      start(context);
    }
    server.reset();
    recorder.clear();
    baseline = client.stats();
    skippedBaseline = client.skippedNotifications();
    if (!script.isEmpty()) {
      server.script(script.toArray(Fault[]::new));
    }
    connectAspect(client);
  }

  /**
   * Closes what was started for this test; else lets the client settle, and replaces it if it did
   * not, was closed or was reconfigured.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      stop();
      return;
    }
    if (server == null) {
      return;
    }
    Deadline deadline = Deadline.after(assertionTimeout);
    boolean settled = !client.isClosed() && settle(deadline);
    if (settled) {
      // So that the listener's last notifications of this test are not heard in the next one.
      awaitOutcomes(deadline);
    }
    if (!settled || reconfigured || client.isClosed()) {
      closeClient();
      client = newClient(UnaryOperator.identity());
      reconfigured = false;
    }
  }

  /**
   * Closes the client, then the fake, if they were started for this class.
   *
   * @param context the class's context
   */
  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      stop();
    }
  }

  /**
   * Resolves parameters of type {@link FakeOptimoveServer}, {@link OptimoveClient} and {@code
   * OptimoveExtension}.
   *
   * @param parameter the parameter
   * @param context the context
   * @return whether the parameter is of one of these types
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakeOptimoveServer.class
        || type == OptimoveClient.class
        || type == OptimoveExtension.class;
  }

  /**
   * Gives the fake, the client or this extension.
   *
   * @param parameter the parameter
   * @param context the context
   * @return the object
   * @throws ParameterResolutionException if the fake or client is asked for before the extension
   *     started them (say, in a constructor with a fresh fake per test)
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == OptimoveExtension.class) {
      return this;
    }
    if (server == null) {
      throw new ParameterResolutionException(
          "OptimoveExtension starts the fake and the client for each test when registered on an"
              + " instance field or built with perTest(): take them as parameters of @BeforeEach"
              + " or @Test methods, not of "
              + parameter.getDeclaringExecutable());
    }
    return type == FakeOptimoveServer.class ? server : client;
  }

  /**
   * Describes the extension by its fake's endpoint.
   *
   * @return e.g. {@code OptimoveExtension[http://127.0.0.1:54321/v1/events]}
   */
  @Override
  public String toString() {
    FakeOptimoveServer s = server;
    return "OptimoveExtension[" + (s == null ? "not started" : s.endpoint()) + "]";
  }

  // ---- For OptimoveAssert ---------------------------------------------------------------------

  /** What the current client counted in this test. */
  StatsDelta statsThisTest() {
    return StatsDelta.between(baseline, client().stats());
  }

  /**
   * Waits until the client has settled every event it accepted, with no new one accepted meanwhile.
   *
   * @return whether it settled before the deadline
   */
  boolean settle(Deadline deadline) {
    OptimoveClient c = client();
    while (true) {
      long accepted = c.stats().accepted();
      boolean flushed = c.flush(deadline.remaining());
      ClientStats now = c.stats();
      if (flushed && now.pending() == 0 && now.accepted() == accepted) {
        return true;
      }
      if (deadline.passed() || Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
  }

  /** Flushes the client, up to the deadline: what was sent so far has arrived, or failed. */
  void flush(Deadline deadline) {
    client().flush(deadline.remaining());
  }

  /**
   * Waits until the listener has heard every outcome the client counted in this test (it hears them
   * on its own thread, a little later).
   */
  List<Outcome> awaitOutcomes(Deadline deadline) {
    OptimoveClient c = client();
    OutcomeRecorder r = recorder;
    return deadline.poll(
        r::snapshot,
        heard ->
            heard.size()
                >= statsThisTest().settled() - (c.skippedNotifications() - skippedBaseline));
  }

  // ---- Lifecycle ------------------------------------------------------------------------------

  private void start(ExtensionContext context) {
    if (generatedCatalog && catalogFile == null) {
      ClassLoader loader =
          context.getTestClass().map(Class::getClassLoader).orElse(getClass().getClassLoader());
      catalogFile = ClassPathCatalog.write(loader);
    }
    FakeOptimoveServer s = FakeOptimoveServer.builder().expectedTenant(tenant).start();
    server = s;
    try {
      client = newClient(UnaryOperator.identity());
    } catch (RuntimeException | Error e) {
      server = null;
      s.close();
      throw e;
    }
    startedBy = context.getUniqueId();
  }

  private OptimoveClient newClient(UnaryOperator<OptimoveConfig.Builder> change) {
    OptimoveConfig.Builder b =
        OptimoveConfig.builder()
            .endpoint(server.endpoint())
            .tenant(tenant)
            .retryBaseDelay(Duration.ofMillis(10))
            .retryMaxDelay(Duration.ofMillis(100))
            .shutdownTimeout(Duration.ofSeconds(2));
    Path file = generatedCatalog ? catalogFile : catalog;
    if (file != null) {
      b.catalog(file);
    }
    b = Objects.requireNonNull(settings.apply(b), "the builder's settings returned null");
    b = Objects.requireNonNull(change.apply(b), "reconfigure's change returned null");
    OptimoveConfig config = b.build();
    OutcomeRecorder r = new OutcomeRecorder(config.deliveryListener().orElse(null));
    OptimoveClient c = OptimoveClient.create(config.toBuilder().deliveryListener(r).build());
    recorder = r;
    baseline = null;
    skippedBaseline = 0;
    connectAspect(c);
    return c;
  }

  private void connectAspect(OptimoveClient c) {
    if (connectAspect && ASPECT_PRESENT) {
      AspectLink.connect(c);
    }
  }

  /** Closes the client; closing it also disconnects it from the aspect. */
  private void closeClient() {
    OptimoveClient c = client;
    if (c != null) {
      client = null;
      c.close();
    }
  }

  private void stop() {
    try {
      closeClient();
    } finally {
      FakeOptimoveServer s = server;
      server = null;
      recorder = null;
      startedBy = null;
      reconfigured = false;
      if (s != null) {
        s.close();
      }
    }
  }

  private static IllegalStateException notStarted() {
    return new IllegalStateException(
        "OptimoveExtension is not running: it starts before the tests of its class (static"
            + " field, @ExtendWith) or before each test (instance field, perTest()), and stops"
            + " after them");
  }

  private static boolean aspectPresent() {
    try {
      Class.forName(AspectLink.REPORTING, false, OptimoveExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Settings of an {@link OptimoveExtension}. Not thread-safe; build once, in a field initialiser.
   */
  public static final class Builder {
    private long tenant = DEFAULT_TENANT;
    private Path catalog;
    private boolean generatedCatalog;
    private final List<Fault> script = new ArrayList<>();
    private UnaryOperator<OptimoveConfig.Builder> settings = UnaryOperator.identity();
    private Duration assertionTimeout = DEFAULT_ASSERTION_TIMEOUT;
    private boolean perTest;
    private boolean connectAspect = true;

    private Builder() {}

    /**
     * The tenant the client sends and the fake accepts (any other is answered 400).
     *
     * @param tenant &gt; 0; default {@link OptimoveExtension#DEFAULT_TENANT}
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder tenant(long tenant) {
      if (tenant <= 0) {
        throw new IllegalArgumentException("Tenant must be > 0, was " + tenant);
      }
      this.tenant = tenant;
      return this;
    }

    /**
     * Checks events against this catalog file, as {@link OptimoveConfig.Builder#catalog(Path)}
     * does. Replaces {@link #generatedCatalog()}.
     *
     * @param file a readable catalog JSON file
     * @return this builder
     */
    public Builder catalog(Path file) {
      this.catalog = Objects.requireNonNull(file, "file");
      this.generatedCatalog = false;
      return this;
    }

    /**
     * Checks events against the catalog the annotation processor generated for the code under test:
     * every {@code META-INF/optimove/events.json} on the test's class path, merged. The extension
     * fails to start if there is none, or if two list one event differently. Replaces {@link
     * #catalog(Path)}.
     *
     * @return this builder
     */
    public Builder generatedCatalog() {
      this.generatedCatalog = true;
      this.catalog = null;
      return this;
    }

    /**
     * A shorter (or longer) timeout for each request, e.g. to see a {@link Fault#delay(Duration)}
     * time out quickly.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      return configure(b -> b.requestTimeout(timeout));
    }

    /**
     * Scripted answers the fake gives to the first requests of every test, as {@link
     * FakeOptimoveServer#script(Fault...)}; a test can script more with {@code server().script}.
     * Calls add to the end.
     *
     * @param faults the answers, in order
     * @return this builder
     */
    public Builder script(Fault... faults) {
      for (Fault f : faults) {
        script.add(Objects.requireNonNull(f, "fault"));
      }
      return this;
    }

    /**
     * Any other client setting: {@code change} gets the builder after the extension's settings
     * (endpoint, tenant, catalog, fast retries) and may change any of them. Calls compose, in
     * order.
     *
     * <pre>{@code
     * OptimoveExtension.builder().configure(b -> b.maxTextLength(4000).maxAttempts(2))
     * }</pre>
     *
     * @param change changes the client's settings and returns the builder
     * @return this builder
     */
    public Builder configure(UnaryOperator<OptimoveConfig.Builder> change) {
      Objects.requireNonNull(change, "change");
      UnaryOperator<OptimoveConfig.Builder> before = settings;
      settings = b -> change.apply(before.apply(b));
      return this;
    }

    /**
     * How long assertions wait for what they expect before they fail, and how long a test's events
     * are given to settle after it.
     *
     * @param timeout positive; default {@link OptimoveExtension#DEFAULT_ASSERTION_TIMEOUT}
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder assertionTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("Timeout must be positive, was " + timeout);
      }
      this.assertionTimeout = timeout;
      return this;
    }

    /**
     * A fresh fake and client for every test, even when registered on a static field.
     *
     * @return this builder
     */
    public Builder perTest() {
      this.perTest = true;
      return this;
    }

    /**
     * Whether to connect the woven aspect to the extension's client (default {@code true}; nothing
     * to connect without optimove-aspect). Turn it off when the application under test creates and
     * connects its own client, pointed at {@link OptimoveExtension#server()}'s endpoint: the
     * assertions on what the fake received still work.
     *
     * @param connect whether to connect
     * @return this builder
     */
    public Builder connectAspect(boolean connect) {
      this.connectAspect = connect;
      return this;
    }

    /**
     * Builds the extension.
     *
     * @return the extension, for a {@code @RegisterExtension} field
     */
    public OptimoveExtension build() {
      return new OptimoveExtension(this);
    }
  }
}
