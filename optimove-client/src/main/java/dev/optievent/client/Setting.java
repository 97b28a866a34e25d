package dev.optievent.client;

import dev.optievent.client.internal.config.SettingParsers;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One setting of {@link OptimoveConfig}: its name, environment variable, default, parser, check and
 * description, in one place. The builder, {@link OptimoveConfig#fromEnvironment()}, {@link
 * OptimoveConfig#toBuilder()}, {@link OptimoveConfig#toString()} and the table of
 * docs/configuration.md all follow from the instances in {@link Settings}.
 *
 * <p>A config keeps its values in an {@code Object[]} with one slot per setting; {@link #index()}
 * is this setting's slot, which is also its position in {@link Settings#ALL}.
 *
 * @param <T> the value's type (boxed for primitives)
 */
final class Setting<T> {

  /** Throws an {@link OptimoveConfigException} naming the setting when a value is not allowed. */
  @FunctionalInterface
  interface Check<T> {
    /** Throws if {@code value} (never {@code null} for a required setting) is not allowed. */
    void check(Setting<T> setting, T value);
  }

  private final int index;
  private final String name;
  private final Class<T> type;
  private final String env; // null: not read from the environment
  private final Function<String, T> parser;
  private final String expected;
  private final T defaultValue; // null: none, or required
  private final String requiredHint; // null: optional
  private final Check<T> check;
  private final Function<? super T, String> display;
  private final Function<? super T, String> text; // null: SettingParsers.text
  private final String description;

  private Setting(Builder<T> b, int index, String description) {
    this.index = index;
    this.name = Objects.requireNonNull(b.name);
    this.type = Objects.requireNonNull(b.type);
    this.env = b.env;
    this.parser = b.parser;
    this.expected = b.expected;
    this.defaultValue = b.defaultValue;
    this.requiredHint = b.requiredHint;
    this.check = b.check;
    this.display = b.display;
    this.text = b.text;
    this.description = Objects.requireNonNull(description);
    if (env != null && (parser == null || expected == null)) {
      throw new IllegalStateException(
          name + ": a setting read from the environment needs a parser");
    }
    if (requiredHint != null && defaultValue != null) {
      throw new IllegalStateException(name + ": a required setting has no default");
    }
  }

  /** Starts a setting; {@code name} is its builder method and getter. */
  static <T> Builder<T> builder(Class<T> type, String name) {
    return new Builder<>(type, name);
  }

  /** This setting's slot in a config's values, and its position in {@link Settings#ALL}. */
  int index() {
    return index;
  }

  /** The builder method and getter, such as {@code requestTimeout}. */
  String name() {
    return name;
  }

  /** The value's type. */
  Class<T> type() {
    return type;
  }

  /** The environment variable, such as {@code OPTIMOVE_REQUEST_TIMEOUT}, if it has one. */
  Optional<String> env() {
    return Optional.ofNullable(env);
  }

  /** Whether a config cannot be built without this setting. */
  boolean required() {
    return requiredHint != null;
  }

  /** The default, or {@code null} when there is none (or the setting is required). */
  T defaultValue() {
    return defaultValue;
  }

  /** What the parser accepts, for error messages, such as {@code an integer}. */
  String expected() {
    return expected;
  }

  /** The guide's "meaning" of this setting: one line, Markdown. */
  String description() {
    return description;
  }

  /**
   * The default as the guide's table shows it: {@code required}, {@code none}, or the value in the
   * form an environment variable takes ({@code 10s}, {@code 10000}, {@code DROP_NEWEST}, {@code
   * false}).
   */
  String defaultText() {
    if (required()) {
      return "required";
    }
    if (defaultValue == null) {
      return "none";
    }
    return text == null ? SettingParsers.text(defaultValue) : text.apply(defaultValue);
  }

  /** The Spring-style property name: {@code optimove.} and the name in kebab case. */
  String propertyName() {
    StringBuilder sb = new StringBuilder("optimove.");
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('-').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** How messages name the setting: {@code requestTimeout (OPTIMOVE_REQUEST_TIMEOUT)}. */
  String label() {
    return env == null ? name : name + " (" + env + ")";
  }

  /** This setting's value in a config's values. */
  T get(Object[] values) {
    return type.cast(values[index]);
  }

  /** Stores a value in a config's values; it is checked only when the config is built. */
  void set(Object[] values, T value) {
    values[index] = value;
  }

  /**
   * Checks this setting's value in {@code values}.
   *
   * @throws OptimoveConfigException if the value is missing or not allowed
   */
  void check(Object[] values) {
    T value = get(values);
    if (value == null && required()) {
      throw missing();
    }
    if (check != null) {
      try {
        check.check(this, value);
      } catch (OptimoveConfigException e) {
        throw e.concerning(this);
      }
    }
  }

  /** The error for a required setting that has no value. */
  OptimoveConfigException missing() {
    return new OptimoveConfigException(label() + " is missing: set it to " + requiredHint)
        .concerning(this);
  }

  /**
   * Reads this setting from the environment into {@code values}: a variable that is not set or
   * blank leaves the value alone, unless the setting is required.
   *
   * @throws OptimoveConfigException if a required variable is not set or a value cannot be parsed
   */
  void read(Map<String, String> environment, Object[] values) {
    if (env == null) {
      return;
    }
    String raw = environment.get(env);
    if (raw == null || raw.isBlank()) {
      if (required()) {
        throw new OptimoveConfigException(env + " is not set: set it to " + requiredHint)
            .concerning(this);
      }
      return;
    }
    set(values, parse(raw.trim(), env));
  }

  /**
   * Reads this setting from a property source by its {@link #propertyName()}, parsed and checked as
   * {@link #read} does: a property that is not set or blank leaves the value alone (required
   * settings are checked when the config is built).
   *
   * @throws OptimoveConfigException naming the property if its value cannot be parsed
   */
  void readProperty(Function<String, String> lookup, Object[] values) {
    if (env == null) {
      return; // code only, such as the listener
    }
    String raw = lookup.apply(propertyName());
    if (raw == null || raw.isBlank()) {
      return;
    }
    set(values, parse(raw.trim(), propertyName()));
  }

  /**
   * Parses an environment variable's text.
   *
   * @throws OptimoveConfigException naming the variable and what it must be
   */
  T parse(String raw) {
    return parse(raw, env);
  }

  /** Parses text read from {@code source} (a variable or property name), naming it on failure. */
  private T parse(String raw, String source) {
    try {
      return parser.apply(raw);
    } catch (OptimoveConfigException e) {
      throw e.concerning(this); // already names the setting
    } catch (RuntimeException e) {
      throw new OptimoveConfigException(source + " is '" + raw + "' but must be " + expected, e)
          .concerning(this);
    }
  }

  /** The value for {@link OptimoveConfig#toString()}: never a secret. */
  String display(Object[] values) {
    T value = get(values);
    return value == null ? "none" : display.apply(value);
  }

  @Override
  public String toString() {
    return label();
  }

  /**
   * Collects the parts of a {@link Setting}; {@link Settings} builds one per setting and ends each
   * with its description.
   */
  static final class Builder<T> {
    private final Class<T> type;
    private final String name;
    private String env;
    private Function<String, T> parser;
    private String expected;
    private T defaultValue;
    private String requiredHint;
    private Check<T> check;
    private Function<? super T, String> display = String::valueOf;
    private Function<? super T, String> text;

    private Builder(Class<T> type, String name) {
      this.type = type;
      this.name = name;
    }

    /**
     * Read from the environment variable {@code env}, parsed by {@code parser}; {@code expected}
     * says what the parser accepts ("an integer").
     */
    Builder<T> env(String env, Function<String, T> parser, String expected) {
      this.env = env;
      this.parser = parser;
      this.expected = expected;
      return this;
    }

    /** The value when none is set. */
    Builder<T> byDefault(T value) {
      this.defaultValue = value;
      return this;
    }

    /** No default: a config cannot be built without it; {@code hint} ends "set it to ...". */
    Builder<T> required(String hint) {
      this.requiredHint = hint;
      return this;
    }

    /** The check run on the value when a config is built. */
    Builder<T> check(Check<T> check) {
      this.check = check;
      return this;
    }

    /** How {@link OptimoveConfig#toString()} shows a value that is set. */
    Builder<T> display(Function<? super T, String> display) {
      this.display = display;
      return this;
    }

    /**
     * How a value is written as an environment variable would spell it, for the guide's default and
     * for {@link OptimoveConfig#toString()} (say {@code 64MiB}); the general rule otherwise.
     */
    Builder<T> text(Function<? super T, String> text) {
      this.text = text;
      this.display = text;
      return this;
    }

    /** The setting at slot {@code index}, described by the guide's "meaning" text. */
    Setting<T> build(int index, String description) {
      return new Setting<>(this, index, description);
    }
  }
}
