package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The starter's configuration metadata (what IDEs complete and document) lists every setting of the
 * table under its property, with the table's description and default. Lives in the client's package
 * to read the package-private table.
 */
class SpringMetadataTest {

  @Test
  void describesEverySettingOfTheTable() throws Exception {
    Map<String, JsonNode> byName = new HashMap<>();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
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
