package dev.optievent.aspect;

import static org.mockito.Mockito.mock;

import dev.optievent.aspect.internal.AspectLogAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;

/**
 * A logging backend that throws, as Log4j2 does with {@code ignoreExceptions="false"} on a full
 * disk: the aspect's logger throws on every call (even {@code isDebugEnabled}), and slf4j-simple,
 * the test binding, which the client logs through, writes to a {@code System.err} that throws.
 */
final class ThrowingLogging implements AutoCloseable {
  private final PrintStream originalErr = System.err;

  ThrowingLogging() {
    AspectLogAccess.use(
        mock(
            Logger.class,
            invocation -> {
              throw diskFull();
            }));
    System.setErr(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                throw diskFull();
              }

              @Override
              public void write(byte[] b, int off, int len) {
                throw diskFull();
              }
            },
            true));
  }

  private static UncheckedIOException diskFull() {
    return new UncheckedIOException(new IOException("No space left on device"));
  }

  @Override
  public void close() {
    System.setErr(originalErr);
    AspectLogAccess.reset();
  }
}
