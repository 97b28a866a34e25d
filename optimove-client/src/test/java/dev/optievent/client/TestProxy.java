package dev.optievent.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny forward proxy on 127.0.0.1 for tests: absolute-form HTTP requests are forwarded (one
 * connection to the target per request), {@code CONNECT} opens a tunnel. It can demand Basic {@code
 * Proxy-Authorization} (answering 407 without it) and counts what went through it.
 */
final class TestProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String expectedAuthorization; // null: none demanded
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final AtomicInteger tunnels = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private TestProxy(String user, String password) throws IOException {
    this.expectedAuthorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    Thread t = new Thread(this::acceptLoop, "test-proxy-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  static TestProxy start() throws IOException {
    return new TestProxy(null, null);
  }

  static TestProxy requiringBasic(String user, String password) throws IOException {
    return new TestProxy(user, password);
  }

  int port() {
    return server.getLocalPort();
  }

  ProxySelector selector() {
    return ProxySelector.of(new InetSocketAddress("127.0.0.1", port()));
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Absolute-form requests forwarded to their target. */
  int forwarded() {
    return forwarded.get();
  }

  /** CONNECT tunnels opened. */
  int tunnels() {
    return tunnels.get();
  }

  /** Requests answered 407. */
  int refused() {
    return refused.get();
  }

  /** Every request line seen, such as {@code CONNECT 127.0.0.1:1234 HTTP/1.1}. */
  List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(15_000);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (!closed) {
        List<String> head = readHead(in);
        if (head == null) {
          return;
        }
        String requestLine = head.get(0);
        requestLines.add(requestLine);
        Map<String, String> headers = headers(head);
        String[] parts = requestLine.split(" ");
        byte[] body = readBody(in, headers);
        if (expectedAuthorization != null
            && !expectedAuthorization.equals(headers.get("proxy-authorization"))) {
          refused.incrementAndGet();
          out.write(
              ("HTTP/1.1 407 Proxy Authentication Required\r\n"
                      + "Proxy-Authenticate: Basic realm=\"test\"\r\n"
                      + "Content-Length: 0\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          continue;
        }
        if (parts[0].equals("CONNECT")) {
          tunnel(client, parts[1], in, out);
          return;
        }
        forward(parts, head, body, out);
      }
    } catch (IOException e) {
      // the client or the target went away
    } finally {
      open.remove(client);
    }
  }

  private void tunnel(Socket client, String authority, InputStream in, OutputStream out)
      throws IOException {
    int colon = authority.lastIndexOf(':');
    try (Socket target =
        new Socket(
            authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
      open.add(target);
      tunnels.incrementAndGet();
      out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      client.setSoTimeout(0);
      Thread up = new Thread(() -> pump(in, target), "test-proxy-up");
      up.setDaemon(true);
      up.start();
      pump(target.getInputStream(), client);
    } finally {
      client.close();
    }
  }

  private static void pump(InputStream from, Socket to) {
    byte[] buffer = new byte[8192];
    try {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = from.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      try {
        to.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private void forward(String[] parts, List<String> head, byte[] body, OutputStream out)
      throws IOException {
    URI target = URI.create(parts[1]);
    try (Socket socket = new Socket(target.getHost(), target.getPort())) {
      open.add(socket);
      forwarded.incrementAndGet();
      StringBuilder request = new StringBuilder();
      String path =
          target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
      request.append(parts[0]).append(' ').append(path).append(' ').append(parts[2]).append("\r\n");
      for (String line : head.subList(1, head.size())) {
        String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
        if (!name.startsWith("proxy-") && !name.equals("connection")) {
          request.append(line).append("\r\n");
        }
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream to = socket.getOutputStream();
      to.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      to.write(body);
      to.flush();
      socket.getInputStream().transferTo(out);
      out.flush();
    }
  }

  /** The request line and header lines, or {@code null} at the end of the stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r")) {
          text = text.substring(0, text.length() - 1);
        }
        line.reset();
        if (text.isEmpty()) {
          if (lines.isEmpty()) {
            continue;
          }
          return lines;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    return null;
  }

  private static Map<String, String> headers(List<String> head) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    String length = headers.get("content-length");
    return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.trim()));
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Closeable c : open) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing all
      }
    }
  }
}
