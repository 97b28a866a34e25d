package dev.optievent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded stand-in for Optimove's server-side event API ("OptiEvent") on the loopback
 * interface, for tests, demos and benchmarks.
 *
 * <p>It accepts {@code POST} on any path (use {@link #endpoint()}), checks each body against the
 * vendor's contract, and answers as the vendor does:
 *
 * <ul>
 *   <li>a valid event: HTTP 200 {@code {"status":"success","message":"<16-digit id>"}}, recorded in
 *       {@link #acceptedEvents()};
 *   <li>a body that breaks the contract: HTTP 400 {@code {"status":"error","message":"Failed to
 *       validate the event with the following error - <reason>"}} (the vendor does not document its
 *       HTTP status codes; 400 is our choice);
 *   <li>any method but POST: HTTP 405 {@code {"status":"error","message":"HTTP 405"}};
 *   <li>when built to {@linkplain Builder#requireHeader demand a header} or {@linkplain
 *       Builder#requireSignature a signature}: HTTP 401 to a request without it, 403 to a wrong
 *       one.
 * </ul>
 *
 * <p>It serves HTTPS when built with {@link Builder#https(SSLContext)}, with a certificate made for
 * the test by {@link TestCertificates}.
 *
 * <p>The contract: a JSON object; {@code tenant} a JSON integer &gt; 0 (and equal to the
 * {@linkplain Builder#expectedTenant(long) expected tenant} if one is set); {@code event} a
 * non-blank string; exactly one of {@code customer} and {@code visitor}, a non-blank string (a JSON
 * {@code null} counts as present and invalid); {@code timestamp} a real date and time written
 * {@code yyyy-MM-dd HH:mm:ss.SSS UTC}; {@code context} optional, an object whose values are
 * strings, numbers or booleans; no other field.
 *
 * <p>{@link #script(Fault...)} queues other answers (errors, slow answers, cut connections,
 * stalled, dripping or oversized bodies) for the next requests. Every request is recorded in {@link
 * #requests()}, whatever its answer, and an accepted event is recorded before its answer is sent
 * (so even when the answer is delayed past the client's timeout).
 *
 * <p>Thread-safe. All its threads are daemons named {@code fake-optimove-<port>-*}. Close it to
 * free the port.
 *
 * <pre>{@code
 * try (FakeOptimoveServer optimove = FakeOptimoveServer.start()) {
 *     sender.send(optimove.endpoint(), event);
 *     List<ReceivedEvent> events = optimove.awaitAcceptedEvents(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class FakeOptimoveServer implements AutoCloseable {

  static {
    // Must run before any com.sun.net.httpserver class reads its configuration (once per JVM),
    // which is why
    // this class never touches HttpServer itself (LoopbackHttpServer does). Without TCP_NODELAY the
    // JDK
    // server holds small responses on kept-alive connections for ~40 ms (Nagle's algorithm waiting
    // for the
    // client's delayed ACK); see JdkHttpServerProperties.
    JdkHttpServerProperties.applyDefaults();
  }

  /** The path {@link #endpoint()} points at; the server answers the same on any path. */
  public static final String EVENTS_PATH = "/v1/events";

  private static final Logger LOG = LoggerFactory.getLogger(FakeOptimoveServer.class);

  private final Recorder recorder;
  private final AcceptListeners listeners = new AcceptListeners();
  private final FaultScript faults = new FaultScript();
  private final SentBodies sent = new SentBodies();
  private final ResponseDelay responseDelay;
  private final LoopbackHttpServer http;
  private final URI endpoint;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeOptimoveServer(Builder builder) {
    recorder = new Recorder(builder.recordEvents);
    responseDelay = new ResponseDelay(builder.responseDelay);
    RequestProcessor processor =
        new RequestProcessor(
            new ContractChecker(builder.expectedTenant),
            faults,
            responseDelay,
            recorder,
            listeners,
            builder.authentication);
    try {
      http = LoopbackHttpServer.start(builder.port, processor, sent, builder.tls);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the fake Optimove server on 127.0.0.1:" + builder.port, e);
    }
    endpoint =
        URI.create(
            (builder.tls == null ? "http" : "https") + "://127.0.0.1:" + http.port() + EVENTS_PATH);
    LOG.debug("Fake Optimove server listening at {}", endpoint);
  }

  /**
   * Starts a server with default settings on an ephemeral port of 127.0.0.1.
   *
   * @return the running server
   * @throws UncheckedIOException if no port could be bound
   */
  public static FakeOptimoveServer start() {
    return builder().start();
  }

  /**
   * Returns a builder for a server with non-default settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Finds a loopback port that is free right now, e.g. to point a client at a server that will only
   * be started later. Another process may take it in between; good enough for tests.
   *
   * @return a port number
   * @throws UncheckedIOException if no port could be found
   */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LoopbackHttpServer.loopback(), 0), 1);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free loopback port", e);
    }
  }

  /**
   * The URL to send events to.
   *
   * @return {@code http://127.0.0.1:<port>/v1/events}, or {@code https://...} when built with
   *     {@link Builder#https(SSLContext)}
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return http.port();
  }

  /**
   * The events accepted so far, in order of acceptance. Always empty when built with {@link
   * Builder#recordEvents(boolean) recordEvents(false)}.
   *
   * @return an immutable snapshot
   */
  public List<ReceivedEvent> acceptedEvents() {
    return recorder.acceptedEvents();
  }

  /**
   * Every request seen so far, in order, including rejected and faulted ones. Always empty when
   * built with {@link Builder#recordEvents(boolean) recordEvents(false)}.
   *
   * @return an immutable snapshot
   */
  public List<RecordedRequest> requests() {
    return recorder.requests();
  }

  /**
   * How many requests the server has processed since start or {@link #reset()}, whatever their
   * answer. Counted also when not recording.
   *
   * @return the number of requests
   */
  public int requestCount() {
    return recorder.requestCount();
  }

  /**
   * How many events the server has accepted since start or {@link #reset()}. Counted also when not
   * recording.
   *
   * @return the number of accepted events
   */
  public long acceptedCount() {
    return recorder.acceptedCount();
  }

  /**
   * Waits until at least {@code count} events have been accepted since start or {@link #reset()}.
   * Wakes up as each event is accepted; does not poll.
   *
   * @param count the number of accepted events to wait for
   * @param timeout how long to wait at most
   * @return a snapshot of the accepted events, possibly more than {@code count} (empty when not
   *     recording)
   * @throws AssertionError if fewer arrived in time (saying how many did, and the last
   *     non-accepting answer), or if the thread was interrupted (its interrupt status is kept)
   */
  public List<ReceivedEvent> awaitAcceptedEvents(int count, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return recorder.awaitAccepted(count, timeout);
  }

  /**
   * How many bytes of response bodies the server has written to its connections since start or
   * {@link #reset()}: written to the socket, not necessarily read by the client (the operating
   * system buffers some). For an {@link Fault#oversizedBody(int, long) oversized body}, what was
   * written before the client closed the connection.
   *
   * @return the number of bytes
   */
  public long bodyBytesSent() {
    return sent.bytes();
  }

  /**
   * How many answers are being written right now, or waiting to be: delayed, stalled, dripping or
   * oversized ones (and, for a moment, any answer). An answer stops counting once its connection is
   * closed or handed back for the next request.
   *
   * @return the number of unfinished answers
   */
  public int answersInProgress() {
    return sent.inProgress();
  }

  /**
   * Registers a listener called for each accepted event, on a server thread, after the event is
   * recorded and before the answer is sent. A listener that throws is logged and never affects the
   * answer. Listeners stay registered across {@link #reset()}.
   *
   * @param listener the listener
   */
  public void onAccepted(Consumer<ReceivedEvent> listener) {
    listeners.add(listener);
  }

  /**
   * Sets the delay before every later answer (scripted ones included, except {@link
   * Fault#delay(Duration)} which brings its own). The delay holds no thread: any number of requests
   * can wait at once.
   *
   * @param delay zero or positive
   * @throws IllegalArgumentException if negative
   */
  public void setResponseDelay(Duration delay) {
    responseDelay.set(delay);
  }

  /**
   * Queues scripted answers: each request, whatever its method or path, takes the next one (first
   * in, first out) instead of the normal behaviour; when none is left the normal behaviour resumes.
   * Calls add to the end of the queue.
   *
   * @param faults the answers for the next requests, in order
   */
  public void script(Fault... faults) {
    this.faults.add(faults);
  }

  /**
   * Answers every request for one event key with a fault, until called again with {@code null}: an
   * event the endpoint always refuses (a poison event) while it accepts the others. It takes
   * precedence over {@link #script(Fault...)}, and does not use up the script.
   *
   * @param eventKey the event key, as in the body's {@code "event"} field
   * @param fault the answer to each of its requests, or {@code null} to answer them normally again
   */
  public void failEvent(String eventKey, Fault fault) {
    faults.failEvent(eventKey, fault);
  }

  /**
   * Forgets the recorded requests and events and sets both counts and {@link #bodyBytesSent()} to
   * zero, drops the scripted faults that are left and the {@link #failEvent} rules, and sets the
   * response delay to zero. Keeps the listeners and the expected tenant; answers already being
   * written go on.
   */
  public void reset() {
    faults.clear();
    responseDelay.set(Duration.ZERO);
    recorder.clear();
    sent.clearBytes();
  }

  /**
   * Stops the server at once: closes the port and all connections (pending delayed answers are
   * dropped, stalled, dripping and oversized answers are cut) and stops its threads. The port can
   * be bound again right away. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.stop();
      LOG.debug("Fake Optimove server at {} stopped", endpoint);
    }
  }

  /**
   * Describes the server by its endpoint.
   *
   * @return e.g. {@code FakeOptimoveServer[http://127.0.0.1:54321/v1/events]}
   */
  @Override
  public String toString() {
    return "FakeOptimoveServer[" + endpoint + (closed.get() ? ", closed]" : "]");
  }

  /** Settings for a {@link FakeOptimoveServer}; not thread-safe, use from one thread. */
  public static final class Builder {

    private int port;
    private long expectedTenant;
    private Duration responseDelay = Duration.ZERO;
    private boolean recordEvents = true;
    private SSLContext tls;
    private RequiredAuthentication authentication = RequiredAuthentication.NONE;

    private Builder() {}

    /**
     * Serves HTTPS instead of HTTP, presenting the certificate of {@code serverContext}: make one
     * for the test with {@link TestCertificates} ({@code
     * TestCertificates.selfSigned("dns:localhost", "ip:127.0.0.1").serverContext()}). {@link
     * FakeOptimoveServer#endpoint()} then starts with {@code https://127.0.0.1}.
     *
     * @param serverContext a TLS context with the server's key and certificate
     * @return this builder
     */
    public Builder https(SSLContext serverContext) {
      this.tls = Objects.requireNonNull(serverContext, "serverContext");
      return this;
    }

    /**
     * Demands this header, with this value, on every request, as an endpoint behind a token does. A
     * request without it is answered 401, one with another value 403 (both {@code
     * {"status":"error","message":...}}, and neither takes a scripted fault). Call again for more
     * headers.
     *
     * @param name the header name (any case)
     * @param value the value demanded
     * @return this builder
     */
    public Builder requireHeader(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      authentication = authentication.withHeader(name, value);
      return this;
    }

    /**
     * Demands that every request be signed with {@code key}: {@code X-Optimove-Signature-Version:
     * 1} and {@code X-Optimove-Signature-Content} the lower-case hex HMAC-SHA256 of the exact body
     * bytes, keyed by the UTF-8 bytes of {@code key}. A request without the headers is answered
     * 401, one with a wrong version or signature 403 (neither takes a scripted fault).
     *
     * @param key the shared secret
     * @return this builder
     */
    public Builder requireSignature(String key) {
      Objects.requireNonNull(key, "key");
      authentication = authentication.withSigningKey(key);
      return this;
    }

    /**
     * The loopback port to listen on; 0 (the default) picks a free ephemeral port. A port just
     * freed by a closed server can be used again at once.
     *
     * @param port 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Port must be 0-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Accepts only events for this tenant; others are answered 400 "tenantId is missing or invalid
     * (expected ..., got ...)". By default any tenant &gt; 0 is accepted.
     *
     * @param tenant the tenant id, &gt; 0
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder expectedTenant(long tenant) {
      if (tenant <= 0) {
        throw new IllegalArgumentException("Tenant must be > 0, was " + tenant);
      }
      this.expectedTenant = tenant;
      return this;
    }

    /**
     * The initial delay before every answer; see {@link
     * FakeOptimoveServer#setResponseDelay(Duration)}.
     *
     * @param delay zero (the default) or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder responseDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("Negative response delay: " + delay);
      }
      this.responseDelay = delay;
      return this;
    }

    /**
     * Whether to keep the accepted events and the requests (default {@code true}). With {@code
     * false} only the counts are kept, so that long benchmarks do not grow memory; listeners are
     * still called.
     *
     * @param recordEvents whether to keep recordings
     * @return this builder
     */
    public Builder recordEvents(boolean recordEvents) {
      this.recordEvents = recordEvents;
      return this;
    }

    /**
     * Starts a server with these settings.
     *
     * @return the running server
     * @throws UncheckedIOException if the port could not be bound
     */
    public FakeOptimoveServer start() {
      return new FakeOptimoveServer(this);
    }
  }
}
