package dev.optievent.client.logcapture;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.event.Level;

/**
 * Captures the real log lines of the loggers under a name prefix, DEBUG and above, for one test at
 * a time: register it with {@code @RegisterExtension final LogCapture logs =
 * LogCapture.under("dev.optievent.client");}. It needs the test binding {@link
 * CapturingServiceProvider}; lines still go to the console as configured.
 *
 * <p>Lines logged by library threads are captured too; wait for them with Awaitility ({@code
 * await().until(() -> !logs.lines(...).isEmpty())}) or after {@code flush}/{@code close}.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
  private static final List<LogCapture> ACTIVE = new CopyOnWriteArrayList<>();

  private final String prefix;
  private final List<LogLine> lines = new CopyOnWriteArrayList<>();

  private LogCapture(String prefix) {
    this.prefix = prefix;
  }

  /**
   * @param loggerPrefix the name of a logger, or the start of the names of the loggers to capture
   * @return a capture, active for each test once registered as an extension
   */
  public static LogCapture under(String loggerPrefix) {
    return new LogCapture(loggerPrefix);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop();
  }

  /** Starts capturing (the extension does so before each test). */
  public void start() {
    lines.clear();
    ACTIVE.add(this);
  }

  /** Stops capturing (the extension does so after each test); lines captured so far are kept. */
  public void stop() {
    ACTIVE.remove(this);
  }

  /**
   * @return every line captured so far, in order
   */
  public List<LogLine> lines() {
    return List.copyOf(lines);
  }

  /**
   * @param level the level
   * @return the lines captured at {@code level}
   */
  public List<LogLine> lines(Level level) {
    return lines(l -> l.level() == level);
  }

  /**
   * @param which the lines wanted
   * @return the lines captured that match
   */
  public List<LogLine> lines(Predicate<LogLine> which) {
    return lines.stream().filter(which).collect(Collectors.toList());
  }

  /**
   * @param text what the message contains
   * @return the lines whose message contains {@code text}
   */
  public List<LogLine> containing(String text) {
    return lines(l -> l.message().contains(text));
  }

  /**
   * @return every line captured so far (with causes), one a line, to search for what must not be
   *     there
   */
  public String text() {
    return lines.stream().map(LogLine::toString).collect(Collectors.joining("\n"));
  }

  static boolean listensTo(String logger) {
    if (ACTIVE.isEmpty()) {
      return false;
    }
    for (LogCapture c : ACTIVE) {
      if (logger.startsWith(c.prefix)) {
        return true;
      }
    }
    return false;
  }

  static void record(LogLine line) {
    for (LogCapture c : ACTIVE) {
      if (line.logger().startsWith(c.prefix)) {
        c.lines.add(line);
      }
    }
  }
}
