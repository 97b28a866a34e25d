package dev.optievent.client;

import java.net.URI;
import java.nio.ByteBuffer;

/**
 * A request about to be sent, as a {@link RequestAuthenticator} sees it: where it goes, its exact
 * body, and a way to add headers. Valid only during the call to {@link
 * RequestAuthenticator#authenticate(OutgoingRequest)}.
 */
public interface OutgoingRequest {

  /**
   * @return the endpoint the request is sent to
   */
  URI uri();

  /**
   * @return the HTTP method, {@code POST}
   */
  String method();

  /**
   * The exact bytes of the body (UTF-8 JSON), as a read-only buffer positioned at its start: what a
   * signature must cover.
   *
   * @return a new read-only view of the body
   */
  ByteBuffer body();

  /**
   * Adds a header to the request.
   *
   * @param name a header name the JDK's {@code HttpRequest} accepts (not {@code Host}, {@code
   *     Content-Length}, {@code Connection}, {@code Expect} or {@code Upgrade})
   * @param value the value, without line breaks
   * @throws IllegalArgumentException if the name or value is not allowed
   */
  void header(String name, String value);
}
