package dev.optievent.client.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool directory is private: created 0700 with 0600 files, refused when another user owns it
 * or group or others may write it, tightened when they may only read it, and no symbolic link in it
 * is followed.
 */
class SpoolDirectoryTest {
  @TempDir Path parent;

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  private static void appendOne(SegmentLog log) throws IOException {
    log.append("{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aNewDirectoryIsPrivateAndItsFilesAreOwnerOnly() throws IOException {
    Path dir = parent.resolve("a/spool");

    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      appendOne(log);
      assertThat(mode(dir)).isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          assertThat(mode(f)).as("%s", f.getFileName()).isEqualTo("rw-------");
        }
      }
      assertThat(Files.exists(log.head().path)).isTrue();
    }
  }

  @Test
  void aDirectoryWritableByGroupOrOthersIsRefusedSayingWhatToChange() throws IOException {
    for (String perms : new String[] {"rwxrwxrwx", "rwxrwx---"}) {
      Path dir = Files.createDirectory(parent.resolve("open-" + perms.hashCode()));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(perms));

      assertThatThrownBy(() -> SegmentLog.open(dir, 1 << 20))
          .isInstanceOf(SpoolRefusedException.class)
          .hasMessageContaining(dir.toAbsolutePath().toString())
          .hasMessageContaining("writable by")
          .hasMessageContaining("chmod 700");
      assertThat(Files.exists(dir.resolve(SegmentLog.LOCK_FILE))).as("nothing written").isFalse();
    }
  }

  @Test
  void aDirectoryOwnedByAnotherUserIsRefused() throws IOException {
    Path dir = Files.createDirectory(parent.resolve("theirs"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    UserPrincipal nobody;
    try {
      nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(dir, nobody);
    } catch (IOException e) {
      assumeTrue(false, "cannot give a directory to another user here: " + e);
      return;
    }
    assumeTrue(!nobody.getName().equals(System.getProperty("user.name")));

    assertThatThrownBy(() -> SegmentLog.open(dir, 1 << 20))
        .isInstanceOf(SpoolRefusedException.class)
        .hasMessageContaining("is owned by nobody")
        .hasMessageContaining("a directory of its own");
  }

  @Test
  void aDirectoryAndFilesReadableByOthersAreMadePrivate() throws IOException {
    Path dir = Files.createDirectory(parent.resolve("old"));
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      appendOne(log);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment =
          files
              .filter(f -> f.getFileName().toString().startsWith("segment-"))
              .findFirst()
              .orElseThrow();
    }
    Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-r--r--"));

    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      assertThat(mode(dir)).isEqualTo("rwx------");
      assertThat(mode(segment)).isEqualTo("rw-------");
      assertThat(log.segments()).extracting(s -> s.path).contains(segment);
    }
  }

  @Test
  void aSymbolicLinkNamedLikeASegmentIsNeitherReadNorFollowed() throws IOException {
    Path dir = Files.createDirectory(parent.resolve("links"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path outside = Files.writeString(parent.resolve("secret.txt"), "not yours");
    Path link = Files.createSymbolicLink(dir.resolve("segment-0000000000000001.log"), outside);

    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      appendOne(log);
      assertThat(log.segments()).extracting(s -> s.path).doesNotContain(link);
      assertThat(log.head().path).isNotEqualTo(link);
    }
    assertThat(Files.readString(outside)).isEqualTo("not yours");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void aLockFileThatIsASymbolicLinkIsNotFollowed() throws IOException {
    Path dir = Files.createDirectory(parent.resolve("lock-link"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path outside = Files.writeString(parent.resolve("target.txt"), "keep");
    Files.createSymbolicLink(dir.resolve(SegmentLog.LOCK_FILE), outside);

    assertThatThrownBy(() -> SegmentLog.open(dir, 1 << 20)).isInstanceOf(IOException.class);
    assertThat(Files.readString(outside)).isEqualTo("keep");
  }
}
