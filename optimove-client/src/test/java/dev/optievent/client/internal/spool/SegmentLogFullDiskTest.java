package dev.optievent.client.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills in the middle of a record: on a 64 KiB tmpfs (mounted by the test, so it runs
 * where the tests run as root on Linux and is skipped elsewhere), the record that did not fit is
 * cut off, and the next start finds every record that was written and no damage.
 */
class SegmentLogFullDiskTest {
  @TempDir Path parent;
  private Path mounted;

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @AfterEach
  void unmount() throws IOException, InterruptedException {
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  @Test
  void aRecordCutShortByAFullDiskIsRemovedAndTheNextStartSeesNoDamage() throws Exception {
    Path dir = Files.createDirectory(parent.resolve("small"));
    assumeTrue(
        System.getProperty("os.name").startsWith("Linux")
            && run("mount", "-t", "tmpfs", "-o", "size=64k,mode=700", "tmpfs", dir.toString()),
        "cannot mount a small tmpfs here");
    mounted = dir;
    byte[] payload = new byte[1_000];
    Arrays.fill(payload, (byte) 'x');
    int written = 0;
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      while (true) {
        try {
          log.append(payload);
          written++;
        } catch (IOException full) {
          assertThat(full).hasMessageContaining("No space left");
          break;
        }
        assertThat(written).as("the disk filled").isLessThan(1_000);
      }
      assertThat(log.head().size)
          .as("nothing past the last whole record")
          .isEqualTo(written * (SegmentLog.HEADER + 1_000L));
      assertThat(Files.size(log.head().path)).isEqualTo(log.head().size);
      assertThatThrownBy(() -> log.append(payload)).isInstanceOf(IOException.class);
      assertThat(Files.size(log.head().path)).isEqualTo(log.head().size);
    }

    int[] seen = new int[2];
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      for (SegmentLog.Segment s : log.segments()) {
        if (s != log.head()) {
          log.scan(
              s,
              new SegmentLog.Visitor() {
                @Override
                public void record(long position, byte[] p) {
                  seen[0]++;
                }

                @Override
                public void corrupt(long position, long length) {
                  seen[1]++;
                }
              });
        }
      }
    }
    assertThat(written).isPositive();
    assertThat(seen[0]).isEqualTo(written);
    assertThat(seen[1]).as("damaged stretches").isZero();
  }
}
