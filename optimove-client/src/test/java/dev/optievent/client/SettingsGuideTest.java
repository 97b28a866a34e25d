package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration guide's (docs/configuration.md) "## Configuration" table shows exactly the
 * settings of {@link Settings}: each one's builder method, environment variable, default and
 * meaning, in the same order, and nothing else.
 */
class SettingsGuideTest {

  // Maven runs the tests in the module's directory; the guides are the repository's.
  private static final Path GUIDE = Path.of("..", "docs", "configuration.md");
  private static final String HEADING = "## Configuration";
  private static final List<String> COLUMNS =
      List.of("builder method", "environment variable", "Spring property", "default", "meaning");

  /** The table's rows by builder method, in the guide's order. */
  private static Map<String, List<String>> rows;

  @BeforeAll
  static void readTheTable() throws IOException {
    if (!Files.isRegularFile(GUIDE)) {
      fail(
          "Cannot find the guide at "
              + GUIDE.toAbsolutePath().normalize()
              + ": run the tests from the optimove-client directory, as Maven does");
    }
    rows = parse(Files.readAllLines(GUIDE));
  }

  /** The rows of the first table under the heading, each as its trimmed cells. */
  static Map<String, List<String>> parse(List<String> lines) {
    int at = lines.indexOf(HEADING);
    assertThat(at).as("the guide has a line '%s'", HEADING).isNotNegative();
    List<List<String>> table = new ArrayList<>();
    for (int i = at + 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("|")) {
        table.add(cells(line));
      } else if (!table.isEmpty() || line.startsWith("## ")) {
        break; // the table ended, or the section ended without one
      }
    }
    assertThat(table).as("a table under '%s' in the guide", HEADING).hasSizeGreaterThan(2);
    assertThat(table.get(0)).as("the table's columns").isEqualTo(COLUMNS);
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (List<String> row : table.subList(2, table.size())) {
      assertThat(row).as("guide row %s", row).hasSize(COLUMNS.size());
      String name = unquote(row.get(0));
      assertThat(byName.put(name, row)).as("a second guide row for '%s'", name).isNull();
    }
    return byName;
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    return Arrays.stream(inner.split("(?<!\\\\)\\|", -1))
        .map(String::trim)
        .collect(Collectors.toList());
  }

  /** `x` is x: code formatting is not content. */
  private static String unquote(String cell) {
    return cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`")
        ? cell.substring(1, cell.length() - 1)
        : cell;
  }

  static Stream<Setting<?>> settings() {
    return Settings.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void theReadmeShowsTheSettingsVariableDefaultAndMeaning(Setting<?> s) {
    List<String> row = rows.get(s.name());
    assertThat(row)
        .as("the guide '%s' table has no row for the setting `%s`", HEADING, s.name())
        .isNotNull();

    String env = row.get(1);
    if (s.env().isPresent()) {
      assertThat(unquote(env)).as("environment variable of %s", s.name()).isEqualTo(s.env().get());
    } else {
      // Free text on how front-ends set it, but it must not name a variable that is never read.
      assertThat(env)
          .as("environment variable of %s (it has none)", s.name())
          .doesNotContain("OPTIMOVE_");
    }
    if (s.env().isPresent()) {
      assertThat(unquote(row.get(2)))
          .as("Spring property of %s", s.name())
          .isEqualTo(s.propertyName());
    } else {
      assertThat(row.get(2))
          .as("Spring property of %s (it has none)", s.name())
          .doesNotContain("optimove.");
    }
    assertThat(unquote(row.get(3))).as("default of %s", s.name()).isEqualTo(s.defaultText());
    assertThat(row.get(4)).as("meaning of %s", s.name()).isEqualTo(s.description());
  }

  @Test
  void theReadmeHasNoRowForASettingThatDoesNotExist() {
    List<String> names = settings().map(Setting::name).collect(Collectors.toList());

    assertThat(rows.keySet()).as("settings in the guide table").isSubsetOf(names);
  }

  @Test
  void theReadmeListsTheSettingsInTheTablesOrder() {
    List<String> names = settings().map(Setting::name).collect(Collectors.toList());

    assertThat(new ArrayList<>(rows.keySet())).as("the guide rows in order").isEqualTo(names);
  }
}
