package dev.optievent.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the engine's rooms as ARCHITECTURE.md draws them: which internal package may use which,
 * read from the sources' imports and qualified names, and no room above 15 source files. A change
 * of arrows is a change of this table and of ARCHITECTURE.md together.
 */
class EnginePackagesTest {

  private static final Path INTERNAL = Path.of("src/main/java/dev/optievent/client/internal");
  private static final Pattern USE =
      Pattern.compile("dev\\.optievent\\.client\\.internal\\.([a-z]+)\\.[A-Z]");

  /** Each engine package and the engine packages it may use; the arrows point one way only. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "wire", Set.of(),
          "retry", Set.of(),
          "http", Set.of(),
          "validation", Set.of(),
          "config", Set.of("http"),
          "store", Set.of(),
          "queue", Set.of("retry", "store", "wire"),
          "outcome", Set.of("queue", "retry", "store"),
          "spool", Set.of("outcome", "queue", "validation", "wire"),
          "delivery",
              Set.of("http", "outcome", "queue", "retry", "spool", "store", "validation", "wire"));

  @Test
  void eachPackageUsesOnlyThePackagesBelowIt() throws IOException {
    assertThat(uses()).isEqualTo(new TreeMap<>(ALLOWED));
  }

  /** But {@code store}: its two types are the outside store's side of {@code ClientAccess}. */
  @Test
  void theSharedRootUsesNoEnginePackage() throws IOException {
    assertThat(usesOf(INTERNAL, "")).isSubsetOf(Set.of("store"));
  }

  @Test
  void noPackageHoldsMoreThan15SourceFiles() throws IOException {
    for (Path dir : packages()) {
      assertThat(sources(dir)).as(dir.toString()).hasSizeLessThanOrEqualTo(15);
    }
    assertThat(sources(INTERNAL)).hasSizeLessThanOrEqualTo(15);
  }

  private static Map<String, Set<String>> uses() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (Path dir : packages()) {
      String name = dir.getFileName().toString();
      uses.put(name, usesOf(dir, name));
    }
    return uses;
  }

  private static Set<String> usesOf(Path dir, String self) throws IOException {
    Set<String> used = new TreeSet<>();
    for (Path file : sources(dir)) {
      Matcher m = USE.matcher(Files.readString(file));
      while (m.find()) {
        if (!m.group(1).equals(self)) {
          used.add(m.group(1));
        }
      }
    }
    return used;
  }

  private static Set<Path> packages() throws IOException {
    try (Stream<Path> dirs = Files.list(INTERNAL)) {
      return dirs.filter(Files::isDirectory).collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  private static Set<Path> sources(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("package-info.java"))
          .collect(TreeSet::new, Set::add, Set::addAll);
    }
  }
}
