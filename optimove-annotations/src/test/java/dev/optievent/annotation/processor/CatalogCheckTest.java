package dev.optievent.annotation.processor;

import static dev.optievent.annotation.processor.MisuseTest.lineOf;
import static dev.optievent.annotation.processor.TestCompiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.processor.TestCompiler.Diag;
import dev.optievent.annotation.processor.TestCompiler.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With -Aoptimove.catalog, the code is checked against the events agreed with Optimove. */
class CatalogCheckTest {

  private static final String CATALOG =
      """
      {"events": [
        {"name": "newsletter_signup",
         "description": "sign-ups from the web site",
         "sources": ["shop.Newsletter#signUp"],
         "parameters": [
           {"name": "email", "type": "text", "mandatory": true},
           {"name": "opt_in", "type": "boolean"},
           {"name": "campaign", "type": "text", "mandatory": false}]},
        {"name": "Checkout_Completed", "parameters": []},
        {"name": "points_awarded"}
      ]}
      """;

  @TempDir Path dir;

  private Result compile(String catalog, String code) throws IOException {
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, catalog);
    return javac()
        .source("shop/Newsletter.java", code)
        .option("-Aoptimove.catalog=" + file)
        .option("-proc:only")
        .compile();
  }

  @Test
  void codeThatMatchesTheCatalogCompilesAndNotesWhatItDoesNotReport() throws IOException {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Newsletter {
          @OptimoveEvent(name = "newsletter_signup")
          public void signUp(@EventParam("email") @NonNull String email,
                             @EventParam("opt_in") boolean optIn) {}
          @interface NonNull {}
        }
        """;
    Result r = compile(CATALOG, code);
    assertThat(r.errors()).isEmpty();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.notes())
        .extracting(Diag::message)
        .containsExactly(
            "OptiEvent: parameter 'campaign' of event 'newsletter_signup' in the catalog "
                + dir.resolve("catalog.json")
                + " is never reported by this module (reported by"
                + " shop.Newsletter#signUp)",
            "OptiEvent: event 'Checkout_Completed' of the catalog "
                + dir.resolve("catalog.json")
                + " is not reported by any @OptimoveEvent method in this module",
            "OptiEvent: event 'points_awarded' of the catalog "
                + dir.resolve("catalog.json")
                + " is not reported by any @OptimoveEvent method in this module");
  }

  @Test
  void anEventTheCatalogLacksFails() throws IOException {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Newsletter {
          @OptimoveEvent(name = "checkout_completed")
          public void checkout() {}
        }
        """;
    Result r = compile(CATALOG, code);
    Diag d = r.onlyError();
    assertThat(d.line()).isEqualTo(lineOf(code, "@OptimoveEvent"));
    assertThat(d.message())
        .isEqualTo(
            "@OptimoveEvent method shop.Newsletter.checkout(): event"
                + " 'checkout_completed' is not in the catalog "
                + dir.resolve("catalog.json")
                + " (names are case sensitive; the catalog has 'Checkout_Completed'); fix the name, or add"
                + " the event to the catalog once Optimove has configured it");
  }

  @Test
  void aParameterTheCatalogLacksFails() throws IOException {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Newsletter {
          @OptimoveEvent(name = "newsletter_signup")
          public void signUp(@EventParam("email") @NonNull String email,
                             @EventParam("optIn") boolean optIn) {}
          @interface NonNull {}
        }
        """;
    Result r = compile(CATALOG, code);
    Diag d = r.onlyError();
    assertThat(d.line()).isEqualTo(lineOf(code, "@EventParam(\"optIn\")"));
    assertThat(d.message())
        .isEqualTo(
            "@OptimoveEvent method shop.Newsletter.signUp(String,"
                + " boolean): parameter 'optIn' of event 'newsletter_signup' is not in the catalog "
                + dir.resolve("catalog.json")
                + " (names are case sensitive; the catalog lists 'email',"
                + " 'opt_in', 'campaign'); fix the name, or add the parameter to the catalog once Optimove"
                + " has configured it");
  }

  @Test
  void aTypeThatDiffersFromTheCatalogFails() throws IOException {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Newsletter {
          @OptimoveEvent(name = "newsletter_signup")
          public void signUp(@EventParam("email") @NonNull String email,
                             @EventParam("opt_in") String optIn) {}
          @interface NonNull {}
        }
        """;
    Result r = compile(CATALOG, code);
    Diag d = r.onlyError();
    assertThat(d.line()).isEqualTo(lineOf(code, "@EventParam(\"opt_in\")"));
    assertThat(d.message())
        .isEqualTo(
            "@OptimoveEvent method shop.Newsletter.signUp(String,"
                + " String): parameter 'opt_in' of event 'newsletter_signup' is text (from argument"
                + " 'optIn') but the catalog "
                + dir.resolve("catalog.json")
                + " says boolean; change the"
                + " Java type (or the path) or the catalog so that they agree");
  }

  @Test
  void aMandatoryParameterTheMethodNeverReportsFails() throws IOException {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Newsletter {
          @OptimoveEvent(name = "newsletter_signup")
          public void signUp(@EventParam("opt_in") boolean optIn) {}
        }
        """;
    Result r = compile(CATALOG, code);
    Diag d = r.onlyError();
    assertThat(d.line()).isEqualTo(lineOf(code, "@OptimoveEvent"));
    assertThat(d.message())
        .contains(
            "the catalog "
                + dir.resolve("catalog.json")
                + " makes"
                + " parameter 'email' of event 'newsletter_signup' mandatory, but this method never reports"
                + " it, so every event it sends would be rejected; add @EventParam(\"email\")");
  }

  @Test
  void aMandatoryParameterThatMayBeNullIsAWarning() throws IOException {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Newsletter {
          @OptimoveEvent(name = "newsletter_signup")
          public void signUp(@EventParam("email") String email) {}
        }
        """;
    Result r = compile(CATALOG, code);
    assertThat(r.errors()).isEmpty();
    assertThat(r.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.line()).isEqualTo(lineOf(code, "@EventParam(\"email\")"));
              assertThat(w.message())
                  .contains(
                      "parameter 'email' of event 'newsletter_signup' is"
                          + " mandatory in the catalog",
                      "but argument 'email' may be null or empty, and then the"
                          + " event is rejected; use a primitive type or mark the value @NonNull");
            });
  }

  @Test
  void anObjectParameterMatchesAnyCatalogType() throws IOException {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Newsletter {
          @OptimoveEvent(name = "newsletter_signup")
          public void signUp(@EventParam("email") @NonNull String email,
                             @EventParam("opt_in") Object optIn) {}
          @interface NonNull {}
        }
        """;
    Result r = compile(CATALOG, code);
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void aCatalogThatIsNotValidJsonFailsWithItsPosition() throws IOException {
    Result r =
        compile("{\"events\": [\n  {\"name\": \"a\",}\n]}", "package shop; class Newsletter {}");
    assertThat(r.onlyError().message())
        .isEqualTo(
            "-Aoptimove.catalog: "
                + dir.resolve("catalog.json")
                + " is not valid JSON: unexpected '}', expected a \"name\""
                + " at line 2, column 16");
  }

  @Test
  void aCatalogThatBreaksTheFormatFailsSayingWhere() throws IOException {
    Result r =
        compile(
            "{\"events\": [{\"name\": \"a\", \"parameters\": [{\"name\": \"x\", \"type\":"
                + " \"string\"}]}]}",
            "package shop; class Newsletter {}");
    assertThat(r.onlyError().message())
        .isEqualTo(
            "-Aoptimove.catalog: "
                + dir.resolve("catalog.json")
                + ": events[0].parameters[0] (x): type 'string' is not one of text, number, boolean");
  }

  @Test
  void aCatalogWithAnUnknownEventFieldFails() throws IOException {
    Result r =
        compile(
            "{\"events\": [{\"name\": \"a\", \"params\": []}]}",
            "package shop; class Newsletter {}");
    assertThat(r.onlyError().message())
        .endsWith(
            ": events[0] (a): unknown field \"params\""
                + " (allowed: name, parameters, description, sources)");
  }

  @Test
  void aMissingCatalogFileFails() {
    Result r =
        javac()
            .source("shop/A.java", "package shop; class A {}")
            .option("-Aoptimove.catalog=does/not/exist.json")
            .option("-proc:only")
            .compile();
    assertThat(r.onlyError().message())
        .startsWith(
            "-Aoptimove.catalog: does/not/exist.json cannot"
                + " be read: java.nio.file.NoSuchFileException")
        .contains("a relative path is resolved against the compiler's working directory");
  }

  @Test
  void theGeneratedCatalogPassesItsOwnCheck() throws IOException {
    String code =
        """
        package shop;
        import dev.optievent.annotation.*;
        public class Newsletter {
          @OptimoveEvent(name = "newsletter_signup")
          public void signUp(@CustomerId String c, @EventParam("email") String email,
                             @EventParam("opt_in") boolean optIn, @EventParam("n") long n) {}
        }
        """;
    Result first = javac().source("shop/Newsletter.java", code).option("-proc:only").compile();
    Result second = compile(first.json(), code);
    assertThat(second.diagnostics()).isEmpty();
  }
}
