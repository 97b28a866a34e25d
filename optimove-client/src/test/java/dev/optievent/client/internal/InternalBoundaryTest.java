package dev.optievent.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "Internal" enforced, not only named: across the whole build (every module's main and test
 * sources, the consumer builds of {@code optimove-it} included), an {@code internal} package of the
 * client or the aspect is used only by its own module and by the modules this table allows, and no
 * other module puts a class into the client's or the aspect's packages. A new pair changes this
 * table and ARCHITECTURE.md together.
 */
class InternalBoundaryTest {

  /** The repository, from the client module's directory (where Maven runs the tests). */
  private static final Path ROOT = Path.of("..");

  private static final Pattern INTERNAL_USE =
      Pattern.compile("dev\\.optievent\\.(client|aspect)\\.internal(\\.[a-z]+)*(?=\\.[A-Z*])");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");

  /** The modules whose packages no other module may declare, by package root. */
  private static final Map<String, String> OWNER =
      Map.of("dev.optievent.client", "optimove-client", "dev.optievent.aspect", "optimove-aspect");

  /** Each module other than the owners, and the internal packages it may use. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "optimove-aspect",
              Set.of("dev.optievent.client.internal", "dev.optievent.client.internal.store"),
          "optimove-micrometer", Set.of("dev.optievent.client.internal"),
          "optimove-outbox-jdbc",
              Set.of(
                  "dev.optievent.aspect.internal",
                  "dev.optievent.client.internal",
                  "dev.optievent.client.internal.store"),
          "optimove-spring-boot-autoconfigure",
              Set.of("dev.optievent.aspect.internal", "dev.optievent.client.internal.store"),
          "benchmarks",
              Set.of(
                  "dev.optievent.client.internal",
                  "dev.optievent.client.internal.spool",
                  "dev.optievent.client.internal.wire"));

  @Test
  void otherModulesUseOnlyTheInternalPackagesTheTableAllows() {
    Map<String, Set<String>> used = new TreeMap<>();
    for (Path module : modules()) {
      String name = module.getFileName().toString();
      Set<String> packages = new TreeSet<>();
      for (Path file : sources(module)) {
        Matcher m = INTERNAL_USE.matcher(read(file));
        while (m.find()) {
          if (foreign(m.group(), name)) {
            packages.add(m.group());
          }
        }
      }
      if (!packages.isEmpty()) {
        used.put(name, packages);
      }
    }
    assertThat(used).isEqualTo(new TreeMap<>(ALLOWED));
  }

  @Test
  void noOtherModulePutsClassesIntoTheClientsOrTheAspectsPackages() {
    Set<String> trespassers = new TreeSet<>();
    for (Path module : modules()) {
      String name = module.getFileName().toString();
      for (Path file : sources(module)) {
        Matcher m = PACKAGE.matcher(read(file));
        if (m.find() && foreign(m.group(1), name)) {
          trespassers.add(ROOT.relativize(file).toString());
        }
      }
    }
    assertThat(trespassers).isEmpty();
  }

  /** Whether {@code pkg} is under a package root that a module other than {@code module} owns. */
  private static boolean foreign(String pkg, String module) {
    for (Map.Entry<String, String> e : OWNER.entrySet()) {
      boolean under = pkg.equals(e.getKey()) || pkg.startsWith(e.getKey() + ".");
      if (under && !e.getValue().equals(module)) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> modules() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      List<Path> modules = dirs.filter(d -> Files.isDirectory(d.resolve("src"))).sorted().toList();
      assertThat(modules).as("modules found from %s", ROOT.toAbsolutePath()).hasSizeGreaterThan(8);
      return modules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> sources(Path module) {
    try (Stream<Path> files = Files.walk(module.resolve("src"))) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
