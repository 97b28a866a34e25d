package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The delivery guide's outcome table (docs/delivery.md) and {@link Reasons} list the same reason
 * codes.
 */
class ReasonsDocumentedTest {
  private static final Pattern CODE = Pattern.compile("`([a-z][a-z0-9_]*(?:<code>)?)`");

  @Test
  void everyReasonCodeIsInTheReadmesOutcomeTable() throws Exception {
    Set<String> documented = documentedReasons();
    assertThat(documented)
        .as("reason codes in docs/delivery.md's table under '### What happens to each event'")
        .containsAll(declaredReasons());
  }

  @Test
  void theReadmesOutcomeTableNamesNoReasonThatDoesNotExist() throws Exception {
    assertThat(declaredReasons()).as("Reasons constants").containsAll(documentedReasons());
  }

  /** Every code Reasons declares; the HTTP prefix as the guide writes it, {@code http_<code>}. */
  private static List<String> declaredReasons() throws IllegalAccessException {
    List<String> codes = new ArrayList<>();
    for (Field f : Reasons.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String code = (String) f.get(null);
        codes.add(code.equals(Reasons.HTTP_PREFIX) ? Reasons.HTTP_PREFIX + "<code>" : code);
      }
    }
    assertThat(codes).hasSizeGreaterThan(20);
    return codes;
  }

  /** The codes in the "reasons" column of the guide's outcome table. */
  private static Set<String> documentedReasons() throws IOException {
    List<String> lines = Files.readAllLines(readme());
    int start = lines.indexOf("### What happens to each event");
    assertThat(start)
        .as("docs/delivery.md has a '### What happens to each event' section")
        .isNotNegative();
    Set<String> codes = new LinkedHashSet<>();
    boolean inTable = false;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("|")) {
        inTable = true;
        String[] cells = line.split("\\|");
        if (cells.length > 2 && !cells[1].isBlank() && !cells[1].contains("---")) {
          Matcher m = CODE.matcher(cells[2]);
          while (m.find()) {
            codes.add(m.group(1));
          }
        }
      } else if (inTable) {
        break;
      }
    }
    assertThat(codes).as("reason codes found in the delivery guide's outcome table").isNotEmpty();
    return codes;
  }

  private static Path readme() {
    Path readme = Path.of("..", "docs", "delivery.md");
    assertThat(readme)
        .as("the delivery guide docs/delivery.md, read from the module directory")
        .exists();
    return readme;
  }
}
