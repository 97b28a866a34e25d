package dev.optievent.client.internal.spool;

import java.nio.file.Path;

/** Another holder (a process, or another client of this JVM) has the spool directory. */
final class SpoolLockedException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  SpoolLockedException(Path directory, Path lockFile) {
    super(
        "spoolDirectory "
            + directory.toAbsolutePath()
            + " is in use by another Optimove client (its lock "
            + lockFile.toAbsolutePath()
            + " is held): give each client, and each process, a directory of its own");
  }
}
