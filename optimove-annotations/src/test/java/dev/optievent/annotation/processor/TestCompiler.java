package dev.optievent.annotation.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.OptimoveEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles sources in-process with javac and the processor, and collects what it says. */
final class TestCompiler {

  /** One diagnostic, flattened for readable assertions. */
  record Diag(Diagnostic.Kind kind, String file, long line, String message) {
    @Override
    public String toString() {
      return kind + " " + file + ":" + line + " " + message;
    }
  }

  /** The outcome of one compilation. */
  record Result(boolean success, List<Diag> diagnostics, Path classOutput) {
    List<Diag> errors() {
      return of(Diagnostic.Kind.ERROR);
    }

    List<Diag> warnings() {
      return of(Diagnostic.Kind.WARNING, Diagnostic.Kind.MANDATORY_WARNING);
    }

    List<Diag> notes() {
      return of(Diagnostic.Kind.NOTE);
    }

    private List<Diag> of(Diagnostic.Kind... kinds) {
      List<Diagnostic.Kind> wanted = List.of(kinds);
      return diagnostics.stream()
          .filter(d -> wanted.contains(d.kind()))
          .collect(Collectors.toList());
    }

    /** The one error; fails listing all diagnostics if there is not exactly one. */
    Diag onlyError() {
      assertThat(errors()).as("errors, among %s", diagnostics).hasSize(1);
      return errors().get(0);
    }

    /** A file the compilation wrote to the class output, or null. */
    String output(String name) {
      Path p = classOutput.resolve(name);
      try {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String json() {
      return output(OptimoveEventProcessor.JSON_RESOURCE);
    }

    String markdown() {
      return output(OptimoveEventProcessor.MARKDOWN_RESOURCE);
    }
  }

  private final List<JavaFileObject> sources = new ArrayList<>();
  private final List<String> options = new ArrayList<>();
  private boolean discover;

  static TestCompiler javac() {
    return new TestCompiler();
  }

  /** Adds a source; the file name comes from its package and first public type. */
  TestCompiler source(String path, String code) {
    sources.add(
        new SimpleJavaFileObject(URI.create("mem:///" + path), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
          }
        });
    return this;
  }

  TestCompiler option(String option) {
    options.add(option);
    return this;
  }

  /**
   * Finds the processor the standard way (META-INF/services on the class path) instead of passing
   * it in, with {@code -proc:full}: JDK 23+ javac runs no class-path processor without it (JDK
   * 17.0.11+ and 21+ accept the option, where it is already the default).
   */
  TestCompiler discoverProcessor() {
    discover = true;
    options.add("-proc:full");
    return this;
  }

  /** Like {@link #discoverProcessor()}, but leaves the policy to this javac's default. */
  TestCompiler discoverProcessorWithTheDefaultPolicy() {
    discover = true;
    return this;
  }

  Result compile() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
    Path out;
    try {
      out = Files.createTempDirectory("optievent-processor-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "-classpath",
                annotationsLocation().toString(),
                "-d",
                out.toString(),
                "--release",
                "17",
                "-Xlint:-options"));
    args.addAll(options);
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, collector, args, null, sources);
      if (!discover) {
        task.setProcessors(List.of(new OptimoveEventProcessor()));
      }
      boolean ok = task.call();
      List<Diag> diags =
          collector.getDiagnostics().stream()
              .map(
                  d ->
                      new Diag(
                          d.getKind(),
                          d.getSource() == null
                              ? null
                              : Paths.get(d.getSource().toUri().getPath()).getFileName().toString(),
                          d.getLineNumber(),
                          d.getMessage(Locale.ROOT)))
              .collect(Collectors.toList());
      return new Result(ok, diags, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** target/classes: the annotations, the processor and its META-INF/services entry. */
  static Path annotationsLocation() {
    try {
      return Paths.get(
          OptimoveEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
