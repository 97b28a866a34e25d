package dev.optievent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The annotation processor wrote the sample's event catalog, as shown in docs/annotations.md. */
class GeneratedCatalogTest {

  @Test
  void listsEveryEventWithItsParametersTypesAndPresence() throws Exception {
    JsonNode catalog;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/optimove/events.json")) {
      assertThat(in).as("META-INF/optimove/events.json on the class path").isNotNull();
      catalog = new ObjectMapper().readTree(in);
    }
    List<String> rows = new ArrayList<>();
    for (JsonNode event : catalog.get("events")) {
      for (JsonNode p : event.get("parameters")) {
        rows.add(
            event.get("name").asText()
                + " "
                + p.get("name").asText()
                + " "
                + p.get("type").asText()
                + " "
                + (p.get("mandatory").asBoolean() ? "yes" : "no"));
      }
    }

    assertThat(rows)
        .containsExactly(
            "checkout_completed total number no",
            "checkout_completed currency text no",
            "checkout_completed order_id text no",
            "newsletter_signup email text no",
            "newsletter_signup opt_in boolean yes",
            "points_awarded points number yes",
            "points_awarded balance number no",
            "product_viewed product_id text no");
    assertThat(getClass().getResource("/META-INF/optimove/events.md")).isNotNull();
  }
}
