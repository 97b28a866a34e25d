package dev.optievent.client;

/**
 * Adds what your endpoint demands to each request: a header with a token, a signature, anything
 * computed from the request. Off by default. Set one with {@link
 * OptimoveConfig.Builder#requestAuthenticator(RequestAuthenticator)}; the common cases need none:
 * {@link OptimoveConfig.Builder#header(String, String)} adds a fixed header (say a bearer token),
 * and {@link OptimoveConfig.Builder#signingKey(String)} signs each body with HMAC-SHA256.
 *
 * <pre>{@code
 * RequestAuthenticator apiKey = request -> request.header("X-Api-Key", keys.current());
 * OptimoveConfig config = OptimoveConfig.builder()
 *     .endpoint(...).tenant(...)
 *     .requestAuthenticator(apiKey)
 *     .build();
 * }</pre>
 *
 * <p>It is called for every attempt, retries included, on the library's sender thread, after the
 * fixed headers and the signature are added and before the request is sent: keep it fast (fetch and
 * refresh tokens elsewhere, and hand over the current one). It must be thread-safe. If it throws,
 * the event is dropped as {@code send_failed} and the exception logged: never put a secret in an
 * exception's message.
 */
@FunctionalInterface
public interface RequestAuthenticator {

  /**
   * Adds headers to one request.
   *
   * @param request the request about to be sent
   */
  void authenticate(OutgoingRequest request);
}
