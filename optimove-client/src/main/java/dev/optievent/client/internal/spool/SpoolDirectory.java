package dev.optievent.client.internal.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool directory's rules: the events in it hold customer IDs and parameters, so it is private
 * to the user the process runs as. Where the file system is POSIX, it is created {@code 0700} and
 * its files {@code 0600}; an existing directory owned by another user, or writable by group or
 * others, is refused (another user could plant or swap records); one that is only readable by them
 * (made by an older version) is tightened. Files are opened without following symbolic links.
 */
final class SpoolDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectory.class);

  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private SpoolDirectory() {}

  /**
   * Creates the directory if it is missing (private), or checks and tightens the one there.
   *
   * @param directory the spool directory
   * @return its real path (symbolic links in its own path resolved once, here)
   * @throws SpoolRefusedException if it is not private to this user and cannot be made so
   * @throws IOException if it cannot be created or read
   */
  static Path prepare(Path directory) throws IOException {
    if (!isPosix(directory)) {
      Files.createDirectories(directory);
      return directory.toRealPath();
    }
    if (Files.notExists(directory, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    }
    Path real = directory.toRealPath();
    PosixFileAttributes attrs =
        Files.getFileAttributeView(real, PosixFileAttributeView.class).readAttributes();
    checkOwner(directory, attrs.owner());
    Set<PosixFilePermission> perms = attrs.permissions();
    if (!java.util.Collections.disjoint(perms, WRITABLE_BY_OTHERS)) {
      throw new SpoolRefusedException(
          "spoolDirectory "
              + directory.toAbsolutePath()
              + " is writable by "
              + (perms.contains(PosixFilePermission.OTHERS_WRITE) ? "others" : "its group")
              + " ("
              + PosixFilePermissions.toString(perms)
              + "): another user could add or change the events it replays. Make it private"
              + " (chmod 700 "
              + real
              + ") or give the client a directory of its own");
    }
    if (!perms.equals(OWNER_ONLY_DIR)) {
      Files.setPosixFilePermissions(real, OWNER_ONLY_DIR);
      LOG.info(
          "Optimove spool: made {} private to its owner (was {})",
          real,
          PosixFilePermissions.toString(perms));
    }
    tightenFiles(real);
    return real;
  }

  private static void checkOwner(Path directory, UserPrincipal owner) throws IOException {
    UserPrincipal me;
    try {
      me =
          directory
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(System.getProperty("user.name"));
    } catch (UserPrincipalNotFoundException | UnsupportedOperationException e) {
      return; // a user with no name here (a container's bare uid): the mode check still holds
    }
    if (!owner.equals(me)) {
      throw new SpoolRefusedException(
          "spoolDirectory "
              + directory.toAbsolutePath()
              + " is owned by "
              + owner.getName()
              + ", not by "
              + me.getName()
              + " who runs this client: give the client a directory of its own, owned by the"
              + " user the service runs as");
    }
  }

  /** Files readable by group or others (written by an older version) are made owner-only. */
  private static void tightenFiles(Path real) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(real)) {
      for (Path p : files) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Set<PosixFilePermission> perms =
            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY_FILE.containsAll(perms)) {
          Set<PosixFilePermission> tightened = EnumSet.copyOf(perms);
          tightened.retainAll(OWNER_ONLY_FILE);
          Files.setPosixFilePermissions(p, tightened);
        }
      }
    }
  }

  /**
   * Opens a file of the directory: never through a symbolic link, created owner-only.
   *
   * @param file the file
   * @param options how to open it ({@code NOFOLLOW_LINKS} is added)
   * @return the channel
   */
  static FileChannel open(Path file, OpenOption... options) throws IOException {
    Set<OpenOption> set = new java.util.HashSet<>(java.util.List.of(options));
    set.add(LinkOption.NOFOLLOW_LINKS);
    FileAttribute<?>[] attrs =
        isPosix(file)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
            : new FileAttribute<?>[0];
    return FileChannel.open(file, set, attrs);
  }

  /**
   * Forces the directory's entries (a created or deleted file) to disk, where the platform can;
   * elsewhere, does nothing.
   *
   * @param directory the directory
   */
  static void force(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | RuntimeException e) {
      // Not every platform opens a directory (Windows does not): the files themselves are forced.
    }
  }

  private static boolean isPosix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
