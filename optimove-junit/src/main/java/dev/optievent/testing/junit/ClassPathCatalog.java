package dev.optievent.testing.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event catalog the annotation processor wrote for the code under test: every {@code
 * META-INF/optimove/events.json} on the class path (main classes, test classes, jars), merged into
 * one file the client can read.
 */
final class ClassPathCatalog {

  static final String RESOURCE = "META-INF/optimove/events.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClassPathCatalog() {}

  /**
   * Merges the catalogs into a temporary file (deleted when the JVM exits).
   *
   * @throws IllegalStateException if there is none, one cannot be read, or two list one event
   *     differently
   */
  static Path write(ClassLoader loader) {
    List<URL> urls;
    try {
      urls = Collections.list(loader.getResources(RESOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not look up " + RESOURCE, e);
    }
    if (urls.isEmpty()) {
      throw new IllegalStateException(
          "No "
              + RESOURCE
              + " on the class path: the annotation processor of optimove-annotations writes it"
              + " when it compiles @OptimoveEvent methods");
    }
    ObjectNode merged = JSON.createObjectNode();
    ArrayNode events = merged.putArray("events");
    Map<String, URL> listedIn = new HashMap<>();
    Map<String, JsonNode> parametersOf = new HashMap<>();
    for (URL url : urls) {
      for (JsonNode event : read(url).path("events")) {
        String name = event.path("name").asText();
        JsonNode parameters = event.path("parameters");
        URL first = listedIn.putIfAbsent(name, url);
        if (first == null) {
          parametersOf.put(name, parameters);
          events.add(event);
        } else if (!parametersOf.get(name).equals(parameters)) {
          throw new IllegalStateException(
              "Event '" + name + "' is listed differently in " + first + " and " + url);
        }
      }
    }
    try {
      Path file = Files.createTempFile("optimove-catalog-", ".json");
      file.toFile().deleteOnExit();
      JSON.writeValue(file.toFile(), merged);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the merged event catalog", e);
    }
  }

  private static JsonNode read(URL url) {
    try (InputStream in = url.openStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the event catalog " + url, e);
    }
  }
}
