package dev.optievent.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The proxy {@code OPTIMOVE_PROXY} names ({@code http://host:port}): every request goes through it.
 * The host is resolved when a connection is made, not when the config is read.
 */
final class FixedProxy extends ProxySelector {
  private final String host;
  private final int port;
  private final List<Proxy> proxies;

  FixedProxy(String host, int port) {
    this.host = host;
    this.port = port;
    this.proxies =
        List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port)));
  }

  @Override
  public List<Proxy> select(URI uri) {
    Objects.requireNonNull(uri, "uri");
    return proxies;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {
    // One proxy, nothing to fall back to: the request fails and is retried.
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedProxy
        && ((FixedProxy) o).host.equals(host)
        && ((FixedProxy) o).port == port;
  }

  @Override
  public int hashCode() {
    return host.hashCode() * 31 + port;
  }

  /** As {@code OPTIMOVE_PROXY} is written: {@code http://host:port}. */
  @Override
  public String toString() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
