package dev.optievent.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outbox table's DDL, as shipped in the jar for each database, under the table name the
 * application chose; and its creation. The DDL creates only what does not exist yet.
 */
final class OutboxSchema {
  /** The table's name unless configured. */
  static final String DEFAULT_TABLE = "optimove_outbox";

  /** A table name: an SQL identifier, optionally after a schema's. */
  private static final Pattern TABLE =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

  private static final Pattern NAME = Pattern.compile("\\b" + DEFAULT_TABLE + "\\b");

  private OutboxSchema() {}

  /**
   * @param table the table name
   * @return it, checked
   * @throws IllegalArgumentException if it is not a plain SQL identifier (with an optional schema)
   */
  static String checkedTable(String table) {
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "The outbox table name '"
              + table
              + "' is not a plain SQL identifier: use letters, digits and underscores, at most 63,"
              + " optionally after a schema name and a dot (default "
              + DEFAULT_TABLE
              + ")");
    }
    return table;
  }

  /** The path of {@code dialect}'s DDL in the jar. */
  static String resource(OutboxDialect dialect) {
    return "dev/optievent/outbox/db/" + dialect.folder + "/V1__optimove_outbox.sql";
  }

  /**
   * The DDL statements for {@code dialect}, naming {@code table} (its indexes take its name as
   * their prefix); comments removed.
   */
  static List<String> statements(OutboxDialect dialect, String table) {
    String sql = read(resource(dialect));
    String local = table.substring(table.indexOf('.') + 1);
    List<String> statements = new ArrayList<>();
    for (String part : withoutComments(sql).split(";")) {
      String s = part.strip();
      if (!s.isEmpty()) {
        // The table keeps its schema; an index is named after the table alone.
        String named = s.replaceFirst("\\b" + DEFAULT_TABLE + "_(\\w+)", local + "_$1");
        statements.add(NAME.matcher(named).replaceAll(Matcher.quoteReplacement(table)));
      }
    }
    return statements;
  }

  /**
   * Creates the table and its indexes on {@code connection} where they do not exist.
   *
   * @throws SQLException from the database, with the statement that failed
   */
  static void create(Connection connection, OutboxDialect dialect, String table)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String ddl : statements(dialect, table)) {
        try {
          statement.execute(ddl);
        } catch (SQLException e) {
          throw new SQLException(
              "Could not create the Optimove outbox table (" + e.getMessage() + ") with: " + ddl,
              e.getSQLState(),
              e);
        }
      }
    }
  }

  private static String withoutComments(String sql) {
    StringBuilder out = new StringBuilder();
    for (String line : sql.split("\n")) {
      int comment = line.indexOf("--");
      out.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
    }
    return out.toString();
  }

  private static String read(String resource) {
    try (InputStream in = OutboxSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
