package dev.optievent.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each HTTP request, has the {@link RequestProcessor} decide, and hands the reply to the
 * writer.
 */
final class ExchangeHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);

  private final RequestProcessor processor;
  private final ResponseWriter writer;

  ExchangeHandler(RequestProcessor processor, ResponseWriter writer) {
    this.processor = processor;
    this.writer = writer;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Reply reply =
          processor.process(
              exchange.getRequestMethod(),
              target(exchange.getRequestURI()),
              exchange.getRequestHeaders(),
              body);
      writer.send(exchange, reply);
    } catch (IOException e) {
      LOG.debug("Could not read {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      exchange.close();
    } catch (RuntimeException e) {
      LOG.warn(
          "Unexpected failure handling {} {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          e);
      exchange.close();
    }
  }

  private static String target(URI uri) {
    String path = uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
