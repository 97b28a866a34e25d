package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The starter's configuration metadata (what IDEs complete and document) lists every setting of the
 * table under its property, with the table's description and default. Lives with the table it reads
 * (package-private) and reads the starter's metadata file from its module's sources, so that no
 * other module puts a class into the client's package.
 */
class SpringMetadataTest {
  // Maven runs the tests in the module's directory.
  private static final Path METADATA =
      Path.of(
          "..",
          "optimove-spring-boot-autoconfigure",
          "src",
          "main",
          "resources",
          "META-INF",
          "spring-configuration-metadata.json");

  @Test
  void describesEverySettingOfTheTable() throws Exception {
    Map<String, JsonNode> byName = new HashMap<>();
    assertThat(METADATA)
        .as("the starter's metadata, read from the client's module directory")
        .exists();
    try (InputStream in = Files.newInputStream(METADATA)) {
      for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
        byName.put(p.get("name").asText(), p);
      }
    }
    for (Setting<?> setting : Settings.ALL) {
      if (setting.env().isEmpty()) {
        continue; // code only (the listener): a bean, not a property
      }
      JsonNode p = byName.get(setting.propertyName());
      assertThat(p).as("metadata of %s", setting.propertyName()).isNotNull();
      assertThat(p.get("description").asText())
          .as("description of %s", setting.propertyName())
          .isEqualTo(setting.description());
      String defaultText = setting.defaultText();
      if (defaultText.equals("required") || defaultText.equals("none")) {
        assertThat(p.has("defaultValue")).as("default of %s", setting.propertyName()).isFalse();
      } else {
        assertThat(p.get("defaultValue").asText())
            .as("default of %s", setting.propertyName())
            .isEqualTo(defaultText);
      }
    }
  }
}
