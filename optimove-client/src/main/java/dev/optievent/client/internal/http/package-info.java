/**
 * HTTP for the delivery engine: the JDK {@link java.net.http.HttpClient} built from the network
 * settings (TLS, trust stores, proxy and its credentials), each attempt's request (headers,
 * signature, the user's authenticator), and the bounded reading of an answer's body. Internal: not
 * for use outside this library; may change without notice.
 */
package dev.optievent.client.internal.http;
