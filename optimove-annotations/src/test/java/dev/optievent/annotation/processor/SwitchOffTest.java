package dev.optievent.annotation.processor;

import static dev.optievent.annotation.processor.TestCompiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.annotation.processor.TestCompiler.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * The processor runs wherever the annotations are on the class path (with {@code -proc:full} on JDK
 * 23+, as docs/annotations.md says), and can be switched off.
 */
class SwitchOffTest {

  private static final String BAD =
      """
      package shop;
      import dev.optievent.annotation.*;
      public class Service {
        @OptimoveEvent(name = "")
        public void signUp(@EventParam("email") String email) {}
      }
      """;

  private static final String GOOD =
      """
      package shop;
      import dev.optievent.annotation.*;
      public class Service {
        @OptimoveEvent(name = "signup")
        public void signUp(@EventParam("email") String email) {}
      }
      """;

  @Test
  void isFoundThroughMetaInfServicesOnTheClassPath() {
    Result r = javac().discoverProcessor().source("shop/Service.java", BAD).compile();
    assertThat(r.success()).isFalse();
    assertThat(r.onlyError().message()).contains("@OptimoveEvent(name) is blank");
  }

  @Test
  void writesTheCatalogWhenFoundThroughMetaInfServices() {
    Result r = javac().discoverProcessor().source("shop/Service.java", GOOD).compile();
    assertThat(r.success()).isTrue();
    assertThat(r.json()).contains("\"name\": \"signup\"");
    assertThat(r.markdown()).contains("| `signup` | `email` | text | no |");
  }

  @Test
  void theDisabledOptionSwitchesItOff() {
    Result r =
        javac()
            .discoverProcessor()
            .option("-Aoptimove.processor.disabled=true")
            .source("shop/Service.java", BAD)
            .compile();
    assertThat(r.success()).isTrue();
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.json()).isNull();
  }

  @Test
  void procNoneSwitchesItOff() {
    Result r =
        javac().discoverProcessor().option("-proc:none").source("shop/Service.java", BAD).compile();
    assertThat(r.success()).isTrue();
    assertThat(r.json()).isNull();
  }

  @Test
  @EnabledForJreRange(max = JRE.JAVA_22)
  void upToJdk22JavacRunsAClassPathProcessorByDefault() {
    Result r =
        javac().discoverProcessorWithTheDefaultPolicy().source("shop/Service.java", BAD).compile();
    assertThat(r.success()).isFalse();
    assertThat(r.onlyError().message()).contains("@OptimoveEvent(name) is blank");
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_23)
  void fromJdk23JavacIgnoresAClassPathProcessorByDefault() {
    // Why docs/annotations.md tells JDK 23+ users to add <proc>full</proc> or
    // annotationProcessorPaths.
    Result r =
        javac().discoverProcessorWithTheDefaultPolicy().source("shop/Service.java", BAD).compile();
    assertThat(r.success()).isTrue();
    assertThat(r.json()).isNull();
  }

  @Test
  void theDisabledOptionSetToFalseKeepsItOn() {
    Result r =
        javac()
            .option("-Aoptimove.processor.disabled=false")
            .source("shop/Service.java", BAD)
            .compile();
    assertThat(r.success()).isFalse();
  }
}
