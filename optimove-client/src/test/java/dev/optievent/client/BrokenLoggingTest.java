package dev.optievent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A logging backend that throws (Log4j2 with {@code ignoreExceptions="false"} on a full disk) never
 * turns a refused event into the caller's exception. slf4j-simple, the test binding, writes to
 * {@code System.err}, which throws here.
 */
class BrokenLoggingTest {
  private final PrintStream originalErr = System.err;
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private OptimoveClient client;

  @BeforeEach
  void start() {
    client = endpoint.client(endpoint.config().build());
    System.setErr(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                throw new UncheckedIOException(new IOException("No space left on device"));
              }
            },
            true));
  }

  @AfterEach
  void stop() {
    System.setErr(originalErr);
  }

  @Test
  void aRefusedEventIsCountedAndSendDoesNotThrow() {
    Event anonymous = Event.builder("page_view").build();
    Event tooLong = Event.builder("note").customer("c-1").param("text", "x".repeat(300)).build();

    assertThatCode(() -> assertThat(client.send(anonymous)).isFalse()).doesNotThrowAnyException();
    assertThatCode(() -> assertThat(client.send(tooLong)).isFalse()).doesNotThrowAnyException();

    assertThat(client.stats().dropped(Reasons.NO_IDENTITY)).isEqualTo(1);
    assertThat(client.stats().rejected(Reasons.VALUE_TOO_LONG)).isEqualTo(1);
  }
}
