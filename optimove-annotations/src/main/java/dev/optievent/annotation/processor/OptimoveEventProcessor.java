package dev.optievent.annotation.processor;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Checks {@code @OptimoveEvent}, {@code @EventParam}, {@code @CustomerId} and {@code @VisitorId} at
 * compile time, and writes the module's event catalog to {@code META-INF/optimove/events.json} (the
 * runtime's catalog format) and {@code META-INF/optimove/events.md} (a table to send to Optimove)
 * in the class output.
 *
 * <p>It runs in any javac (or ajc) build with {@code optimove-annotations} on the class path, found
 * through {@code META-INF/services/javax.annotation.processing.Processor}. Options:
 *
 * <ul>
 *   <li>{@code -Aoptimove.processor.disabled=true}: do nothing (as does javac's {@code
 *       -proc:none});
 *   <li>{@code -Aoptimove.catalog=/path/to/catalog.json}: check the code against the events and
 *       parameters agreed with Optimove: an event or parameter the catalog lacks, a differing type,
 *       or a mandatory parameter the method never reports fails the compilation; a catalog entry no
 *       method reports is a note.
 * </ul>
 *
 * Not for direct use: the compiler creates it.
 */
public final class OptimoveEventProcessor extends AbstractProcessor {

  /** Option: {@code true} switches the processor off. */
  public static final String OPTION_DISABLED = "optimove.processor.disabled";

  /** Option: a catalog file to check the code against. */
  public static final String OPTION_CATALOG = "optimove.catalog";

  /** Where the JSON catalog is written, in the class output. */
  public static final String JSON_RESOURCE = "META-INF/optimove/events.json";

  /** Where the Markdown table is written, in the class output. */
  public static final String MARKDOWN_RESOURCE = "META-INF/optimove/events.md";

  /**
   * Where the reflection metadata a native image needs for the woven methods is written, in the
   * class output (GraalVM reads every {@code META-INF/native-image/**} of the class path).
   */
  public static final String NATIVE_RESOURCE =
      "META-INF/native-image/dev.optievent/woven-events/reachability-metadata.json";

  private boolean disabled;
  private Messager messager;
  private Filer filer;
  private Mirrors mirrors;
  private EventChecker checker;
  private CatalogCheck catalogCheck;
  private final GeneratedCatalog catalog = new GeneratedCatalog();
  private NativeMetadata nativeMetadata;
  private boolean written;

  /** Created by the compiler. */
  public OptimoveEventProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Mirrors.OPTIMOVE_EVENT,
        Mirrors.EVENT_PARAM,
        Mirrors.EVENT_PARAMS,
        Mirrors.CUSTOMER_ID,
        Mirrors.VISITOR_ID);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION_DISABLED, OPTION_CATALOG);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    disabled = Boolean.parseBoolean(env.getOptions().get(OPTION_DISABLED));
    if (disabled) {
      return;
    }
    messager = env.getMessager();
    filer = env.getFiler();
    mirrors = new Mirrors(env.getElementUtils(), env.getTypeUtils());
    nativeMetadata = new NativeMetadata(env.getTypeUtils(), env.getElementUtils());
    checker =
        new EventChecker(
            messager, mirrors, new ValueTypes(env.getTypeUtils(), env.getElementUtils()));
    String catalogOption = env.getOptions().get(OPTION_CATALOG);
    if (catalogOption != null && !catalogOption.isBlank()) {
      Path file = Paths.get(catalogOption.trim());
      try {
        catalogCheck = new CatalogCheck(CatalogFile.load(file), messager);
      } catch (CatalogFile.CatalogException e) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            "-A"
                + OPTION_CATALOG
                + ": "
                + e.getMessage()
                + (file.isAbsolute()
                    ? ""
                    : " (a relative path is resolved against the compiler's"
                        + " working directory "
                        + Paths.get("").toAbsolutePath()
                        + "; give an absolute path,"
                        + " e.g. ${project.basedir}/optimove-catalog.json)"));
      }
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (disabled) {
      return false;
    }
    Set<Element> annotated = new LinkedHashSet<>();
    for (String name :
        List.of(
            Mirrors.EVENT_PARAM, Mirrors.EVENT_PARAMS, Mirrors.CUSTOMER_ID, Mirrors.VISITOR_ID)) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        annotated.addAll(round.getElementsAnnotatedWith(type));
      }
    }
    for (Element e : annotated) {
      checker.checkStray(e);
    }

    TypeElement eventType = processingEnv.getElementUtils().getTypeElement(Mirrors.OPTIMOVE_EVENT);
    List<ExecutableElement> methods = new ArrayList<>();
    if (eventType != null) {
      for (Element e : round.getElementsAnnotatedWith(eventType)) {
        if (e.getKind() == ElementKind.METHOD) {
          methods.add((ExecutableElement) e);
        }
      }
    }
    // Sorted, so that the catalog does not depend on the order the compiler hands us classes in.
    methods.sort(Comparator.comparing(mirrors::describeMethod));
    for (ExecutableElement m : methods) {
      ReportedEvent reported = checker.check(m);
      if (reported == null) {
        continue;
      }
      nativeMetadata.add(reported);
      for (GeneratedCatalog.Conflict c : catalog.add(reported)) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            reported.where()
                + ": parameter '"
                + c.param().name()
                + "' of event '"
                + reported.name()
                + "' is "
                + c.param().kind().jsonName()
                + " here but "
                + c.earlier().kind.jsonName()
                + " in "
                + c.earlier().source
                + "; an event has one type per parameter: make the two agree",
            c.param().element(),
            c.param().mirror());
      }
      if (catalogCheck != null) {
        catalogCheck.check(reported);
      }
    }

    if (round.processingOver() && !written) {
      written = true;
      if (catalogCheck != null) {
        catalogCheck.reportUnused(catalog);
      }
      if (!catalog.isEmpty()) {
        write(JSON_RESOURCE, catalog.toJson());
        write(MARKDOWN_RESOURCE, catalog.toMarkdown());
      }
      if (!nativeMetadata.isEmpty()) {
        write(NATIVE_RESOURCE, nativeMetadata.toJson());
      }
    }
    return false;
  }

  private void write(String name, String content) {
    try {
      FileObject file =
          filer.createResource(StandardLocation.CLASS_OUTPUT, "", name, catalog.origins());
      try (Writer w = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        w.write(content);
      }
    } catch (IOException | IllegalArgumentException e) {
      messager.printMessage(
          Diagnostic.Kind.WARNING,
          "OptiEvent: could not write " + name + " to the class output: " + e);
    }
  }
}
