package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Spring Boot guide (docs/spring-boot.md) lists each of the starter's own properties (those of
 * the metadata that are not settings of the client's table, which the Configuration table shows).
 */
class StarterPropertiesGuideTest {
  // Maven runs the tests in the module's directory; the guides are the repository's.
  private static final Path GUIDE = Path.of("..", "docs", "spring-boot.md");

  @Test
  void theSpringBootSectionListsEveryPropertyOfTheStarter() throws Exception {
    List<String> own = new ArrayList<>();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
        if (p.get("sourceType").asText().startsWith("dev.optievent.spring.")) {
          own.add(p.get("name").asText());
        }
      }
    }
    String readme = Files.readString(GUIDE);
    String section =
        readme.substring(readme.indexOf("## Spring Boot"), readme.indexOf("### Two ways"));

    assertThat(own).isNotEmpty();
    for (String property : own) {
      assertThat(section).as("Spring Boot guide table row").contains("| `" + property + "` |");
    }
  }
}
