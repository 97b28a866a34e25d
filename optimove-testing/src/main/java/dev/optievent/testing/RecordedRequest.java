package dev.optievent.testing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request that {@link FakeOptimoveServer} received, with what it answered. Requests are
 * recorded whatever happened to them: accepted, rejected, or answered by a scripted {@link Fault}.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the request target's path, followed by {@code ?query} when there was one
 * @param headers the request headers; an unmodifiable map whose keys are looked up
 *     case-insensitively
 * @param body the request body decoded as UTF-8 (empty string when there was none)
 * @param answeredStatus the HTTP status answered, or {@link #CONNECTION_CUT} when the connection
 *     was cut. The request is recorded when its answer is decided, so for a delayed answer this is
 *     the status it will get (or got, unless the client gave up first)
 * @param answeredBody the response body answered, or {@code null} when the connection was cut
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    String body,
    int answeredStatus,
    String answeredBody) {

  /** The {@link #answeredStatus()} of a request whose connection was cut without any response. */
  public static final int CONNECTION_CUT = -1;

  /**
   * Copies {@code headers} into an unmodifiable, case-insensitive map; {@code null} becomes an
   * empty map.
   *
   * @param method the HTTP method
   * @param path the path, with {@code ?query} if any
   * @param headers the request headers, or {@code null} for none
   * @param body the request body
   * @param answeredStatus the status answered, or {@link #CONNECTION_CUT}
   * @param answeredBody the body answered, or {@code null} if the connection was cut
   */
  public RecordedRequest {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (name, values) -> copy.put(name, values == null ? List.of() : List.copyOf(values)));
    }
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the first value of a request header.
   *
   * @param name the header name, in any case
   * @return the first value, or {@code null} when the header was not sent
   */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Tells whether the server cut the connection instead of answering (see {@link
   * Fault#disconnect()}).
   *
   * @return {@code true} when no response was sent
   */
  public boolean connectionCut() {
    return answeredBody == null;
  }
}
